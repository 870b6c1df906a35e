/**
 * Waits `ms`, or less: until the signal aborts (the client went away, the service
 * stops) or `wake` settles (the awaited thing happened here, no need to look again).
 */
export function pause(ms: number, signal: AbortSignal, wake?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    wake?.then(done, done);
  });
}
