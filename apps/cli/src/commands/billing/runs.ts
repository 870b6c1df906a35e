import { Command } from 'commander';
import { action } from '../../core/context';
import { printList } from '../../core/output';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { RUN_COLUMNS, runJson } from './run-view';

export function billingRuns(group: Command, name = 'runs'): void {
  group
    .command(name)
    .description('billing runs, newest first')
    .option('--period <month>', 'only this month (e.g. 2026-10)')
    .addHelpText('after', '\nExample:\n  cascade billing runs --period 2026-10')
    .action(
      action(async (ctx, opts: { period?: string }) => {
        const request = opts.period ? periodTimestamps(parsePeriod(opts.period)) : {};
        const { runs } = await ctx.clients().invoices.listBillingRuns(request);
        printList(ctx.out, ctx.format, runs, RUN_COLUMNS, runJson);
      }),
    );
}
