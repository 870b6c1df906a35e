import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { BillingRun, BillingRunStatus } from '@cascade/contracts';
import { action } from '../../core/context';
import { CliError, EXIT } from '../../core/exit-codes';
import { printRecord } from '../../core/output';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { RUN_COLUMNS, runJson } from './run-view';

export function billingRun(group: Command): void {
  group
    .command('run')
    .description("bill every edge for a month, with a live progress bar from the run's stream")
    .requiredOption('--period <month>', 'e.g. 2026-10')
    .option('--preview', 'a month not yet ended: drafts marked preview')
    .option('--no-progress', 'one RunBilling call, no streamed progress')
    .addHelpText('after', '\nExample:\n  cascade billing run --period 2026-10')
    .action(
      action(async (ctx, opts: { period: string; preview?: boolean; progress: boolean }) => {
        const request = {
          ...periodTimestamps(parsePeriod(opts.period)),
          preview: Boolean(opts.preview),
        };
        const invoices = ctx.clients().invoices;
        let run: BillingRun | undefined;
        if (!opts.progress) {
          run = (await invoices.runBilling(request)).run;
        } else {
          const bar = new SingleBar({
            format: 'billing [{bar}] {value}/{total} edges | {invoices} invoices',
            stream: process.stderr,
          });
          bar.start(0, 0, { invoices: 0 });
          try {
            for await (const update of invoices.runBillingWithProgress(request)) {
              run = update;
              bar.setTotal(update.edgesTotal);
              bar.update(update.edgesSeen, { invoices: update.invoicesBilled });
            }
          } finally {
            bar.stop();
          }
        }
        if (!run) throw new CliError('the billing run answered nothing', EXIT.OTHER, 'UNKNOWN');
        printRecord(
          ctx.out,
          ctx.format,
          RUN_COLUMNS.map((c) => [c.header, c.value(run)]),
          runJson(run),
        );
        if (run.status === BillingRunStatus.FAILED)
          throw new CliError(`billing run ${run.id} failed: ${run.error}`, EXIT.OTHER, 'FAILED');
      }),
    );
}
