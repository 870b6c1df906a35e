import { Command } from 'commander';
import { action } from '../../core/context';
import { CliError, EXIT } from '../../core/exit-codes';
import { printRecord } from '../../core/output';
import { followWithBar } from './progress-bar';
import { RUN_COLUMNS, runJson } from './run-view';

export function billingWatch(group: Command, name = 'watch'): void {
  group
    .command(name)
    .description('follow a run started elsewhere (the scheduler, another operator) until it ends')
    .argument('<run>', 'billing run id')
    .option('--no-progress', 'no progress bar, only the finished run')
    .addHelpText('after', '\nExample:\n  cascade billing watch 5c1e…')
    .action(
      action(async (ctx, id: string, opts: { progress: boolean }) => {
        const run = await followWithBar(
          ctx.clients().invoices.watchBillingRun({ id }),
          opts.progress,
        );
        if (!run) throw new CliError(`billing run ${id} answered nothing`, EXIT.OTHER, 'UNKNOWN');
        printRecord(
          ctx.out,
          ctx.format,
          RUN_COLUMNS.map((c) => [c.header, c.value(run)]),
          runJson(run),
        );
      }),
    );
}
