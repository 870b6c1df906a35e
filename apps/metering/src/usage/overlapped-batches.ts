const COMMITTED = Symbol('committed');

/**
 * Commits a stream of batches one at a time and in order, yielding each
 * result as soon as its commit ends; a batch that has already arrived is
 * prepared (decoded, checked) while the one before it commits, so the
 * database never waits on that work. A failure to prepare a batch comes after
 * the result of the batch before it.
 */
export async function* overlappedBatches<Input, Prepared, Result>(
  inputs: AsyncIterable<Input>,
  prepare: (input: Input) => Promise<Prepared>,
  commit: (prepared: Prepared) => Promise<Result>,
): AsyncGenerator<Result> {
  const iterator = inputs[Symbol.asyncIterator]();
  let next = iterator.next();
  let committing: Promise<Result> | undefined;
  try {
    for (;;) {
      if (committing) {
        const first = await Promise.race([next, committing.then(() => COMMITTED)]);
        if (first === COMMITTED) {
          yield await committing;
          committing = undefined;
          continue;
        }
      }
      const step = await next;
      if (step.done) break;
      let prepared: Prepared;
      try {
        prepared = await prepare(step.value);
      } catch (error) {
        if (committing) yield await committing;
        throw error;
      }
      if (committing) yield await committing;
      committing = commit(prepared);
      next = iterator.next();
    }
    if (committing) yield await committing;
  } finally {
    // A commit still running when the stream fails ends before the call does.
    await committing?.catch(() => undefined);
  }
}
