import { Command } from 'commander';
import { BillingRun, BillingRunStatus } from '@cascade/contracts';
import { action } from '../../core/context';
import { CliError, EXIT } from '../../core/exit-codes';
import { printRecord } from '../../core/output';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { followWithBar } from './progress-bar';
import { RUN_COLUMNS, runJson } from './run-view';

export function billingRun(group: Command, name = 'run'): void {
  group
    .command(name)
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
        const run: BillingRun | undefined = opts.progress
          ? await followWithBar(invoices.runBillingWithProgress(request), true)
          : (await invoices.runBilling(request)).run;
        if (!run) throw new CliError('the billing run answered nothing', EXIT.OTHER, 'UNKNOWN');
        printRecord(
          ctx.out,
          ctx.format,
          RUN_COLUMNS.map((c) => [c.header, c.value(run)]),
          runJson(run),
        );
        if (run.unpricedLines > 0)
          ctx.note(
            `${run.unpricedLines} unpriced (edge, meter) pairs: cascade billing unpriced --period ${opts.period}`,
          );
        if (run.status === BillingRunStatus.FAILED)
          throw new CliError(`billing run ${run.id} failed: ${run.error}`, EXIT.OTHER, 'FAILED');
      }),
    );
}
