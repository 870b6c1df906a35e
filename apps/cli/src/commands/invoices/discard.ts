import { Command } from 'commander';
import { action } from '../../core/context';
import { findInvoice } from './find-invoice';
import { printInvoice } from './invoice-view';

export function invoicesDiscard(group: Command): void {
  group
    .command('discard')
    .description('discard a draft (a preview, or one not wanted): it bills nothing any more')
    .argument('<invoice>', 'id (drafts have no number)')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .addHelpText(
      'after',
      '\nExample:\n  cascade invoices discard 0b6f… --reason "preview no longer needed"',
    )
    .action(
      action(async (ctx, ref: string, opts: { reason: string }) => {
        const invoice = await findInvoice(ctx, ref);
        await printInvoice(
          ctx,
          await ctx.clients().invoices.discardDraftInvoice({ id: invoice.id, reason: opts.reason }),
        );
      }),
    );
}
