import { pause } from '../polling/pause';
import { BillingRunRow } from '../persistence/billing-run.entity';
import { BillingRunRepository } from '../persistence/billing-run.repository';

/** How often a follower reads the runs' rows while they go on. */
export const FOLLOW_INTERVAL_MS = 200;

/**
 * The run's row each time it changed, from now until the run is no longer RUNNING
 * (the last one yielded is the finished run). The row is the only thing every replica
 * shares, so a run started anywhere (another replica, the scheduler) is followed the
 * same way; it is written after every chunk. `wake` cuts a pause short (the local run
 * settled), and the signal ends following when the client goes away.
 */
export function followRun(
  runs: BillingRunRepository,
  id: string,
  signal: AbortSignal,
  wake?: Promise<unknown>,
): AsyncGenerator<BillingRunRow> {
  return changes(
    async () => {
      const run = await runs.get(id);
      return { rows: run ? [run] : [], more: run?.status === 'RUNNING' };
    },
    signal,
    wake,
  );
}

/**
 * Every run's row as it starts and each time it changes, until the signal ends following:
 * first those RUNNING or changed since `since`, then each change; the same rows, read the
 * same way.
 */
export function followRuns(
  runs: BillingRunRepository,
  since: Date,
  signal: AbortSignal,
): AsyncGenerator<BillingRunRow> {
  return changes(async () => ({ rows: await runs.activeSince(since), more: true }), signal);
}

/** Reads until `more` is false or the signal aborts, yielding each row that changed since last read. */
async function* changes(
  read: () => Promise<{ rows: BillingRunRow[]; more: boolean }>,
  signal: AbortSignal,
  wake?: Promise<unknown>,
): AsyncGenerator<BillingRunRow> {
  const last = new Map<string, string>();
  while (!signal.aborted) {
    const { rows, more } = await read();
    for (const run of rows) {
      const seen = fingerprint(run);
      if (last.get(run.id) === seen) continue;
      last.set(run.id, seen);
      yield run;
    }
    if (!more) return;
    await pause(FOLLOW_INTERVAL_MS, signal, wake);
  }
}

function fingerprint(run: BillingRunRow): string {
  return JSON.stringify([run.status, run.progressAt.getTime(), run.edgesSeen, run.invoicesBilled]);
}
