import { SingleBar } from 'cli-progress';
import { BillingRun } from '@cascade/contracts';

/**
 * Follows a run's stream to its end with a bar on stderr (edges done of the total,
 * invoices billed); the answer is the last message, the finished run.
 */
export async function followWithBar(
  stream: AsyncIterable<BillingRun>,
  progress: boolean,
): Promise<BillingRun | undefined> {
  let run: BillingRun | undefined;
  const bar = progress
    ? new SingleBar({
        format: 'billing [{bar}] {value}/{total} edges | {invoices} invoices',
        stream: process.stderr,
      })
    : undefined;
  bar?.start(0, 0, { invoices: 0 });
  try {
    for await (const update of stream) {
      run = update;
      bar?.setTotal(update.edgesTotal);
      bar?.update(update.edgesSeen, { invoices: update.invoicesBilled });
    }
  } finally {
    bar?.stop();
  }
  return run;
}
