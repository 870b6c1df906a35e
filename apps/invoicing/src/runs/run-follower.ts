import { BillingRunRow } from '../persistence/billing-run.entity';
import { BillingRunRepository } from '../persistence/billing-run.repository';

/** How often a follower reads the run's row while the run goes on. */
export const FOLLOW_INTERVAL_MS = 200;

/**
 * The run's row each time it changed, from now until the run is no longer RUNNING
 * (the last one yielded is the finished run). The row is the only thing every replica
 * shares, so a run started anywhere (another replica, the scheduler) is followed the
 * same way; it is written after every chunk. `wake` cuts a pause short (the local run
 * settled), and the signal ends following when the client goes away.
 */
export async function* followRun(
  runs: BillingRunRepository,
  id: string,
  signal: AbortSignal,
  wake?: Promise<unknown>,
): AsyncGenerator<BillingRunRow> {
  let last = '';
  while (!signal.aborted) {
    const run = await runs.get(id);
    if (!run) return;
    const seen = fingerprint(run);
    if (seen !== last) {
      last = seen;
      yield run;
    }
    if (run.status !== 'RUNNING') return;
    await pause(FOLLOW_INTERVAL_MS, signal, wake);
  }
}

function fingerprint(run: BillingRunRow): string {
  return JSON.stringify([run.status, run.progressAt.getTime(), run.edgesSeen, run.invoicesBilled]);
}

function pause(ms: number, signal: AbortSignal, wake?: Promise<unknown>): Promise<void> {
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
