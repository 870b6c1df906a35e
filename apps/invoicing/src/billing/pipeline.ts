/** Batches of `size` from an async stream, the last one possibly shorter. */
export async function* batched<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Handles items one at a time, in order, while the next item is being read: the
 * stream is pulled while the previous batch is written, and never more than one
 * batch waits, so memory stays flat however long the stream. The first failure
 * stops the reading (which cancels the stream) and is thrown.
 */
export async function overlapped<T>(
  source: AsyncIterable<T>,
  handle: (item: T) => Promise<void>,
): Promise<void> {
  let previous: Promise<void> | undefined;
  try {
    for await (const item of source) {
      if (previous) await previous;
      previous = handle(item);
      // Awaited on the next turn or below; until then a failure must not go unhandled.
      previous.catch(() => undefined);
    }
  } catch (error) {
    // The reading failed: the batch being written still finishes, but its outcome is not the news.
    await previous?.catch(() => undefined);
    previous = undefined;
    throw error;
  }
  if (previous) await previous;
}
