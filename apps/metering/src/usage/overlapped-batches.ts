/**
 * Commits a stream's batches two at a time: while one commits (its fsync) the
 * next writes, and the one after that is prepared. What orders their
 * transactions is the committer's (CommitOrder).
 */
export const COMMITS_IN_FLIGHT = 2;

const SETTLED = Symbol('settled');
const ignore = () => undefined;

/**
 * Runs up to `depth` commits of a stream of batches at once, yielding their
 * results in the batches' order, each as soon as it and those before it are
 * done; a batch that has already arrived is prepared (decoded, checked) while
 * earlier ones commit. A failure to prepare a batch comes after the results
 * of the batches before it; a failed commit ends the stream with its error
 * and no later result.
 */
export async function* overlappedBatches<Input, Prepared, Result>(
  inputs: AsyncIterable<Input>,
  prepare: (input: Input) => Promise<Prepared>,
  commit: (prepared: Prepared) => Promise<Result>,
  depth: number,
): AsyncGenerator<Result> {
  const iterator = inputs[Symbol.asyncIterator]();
  let next = iterator.next();
  const committing: Promise<Result>[] = [];
  try {
    for (;;) {
      if (committing.length > 0) {
        const first = await Promise.race([next, committing[0].then(() => SETTLED)]);
        if (first === SETTLED) {
          yield await (committing.shift() as Promise<Result>);
          continue;
        }
      }
      const step = await next;
      if (step.done) break;
      let prepared: Prepared;
      try {
        prepared = await prepare(step.value);
      } catch (error) {
        while (committing.length > 0) yield await (committing.shift() as Promise<Result>);
        throw error;
      }
      if (committing.length >= depth) yield await (committing.shift() as Promise<Result>);
      const started = commit(prepared);
      // A later commit may fail while an earlier one is awaited: it is seen in turn.
      started.catch(ignore);
      committing.push(started);
      next = iterator.next();
    }
    while (committing.length > 0) yield await (committing.shift() as Promise<Result>);
  } finally {
    // Commits still running when the stream fails end before the call does.
    await Promise.all(committing.map((c) => c.catch(ignore)));
  }
}
