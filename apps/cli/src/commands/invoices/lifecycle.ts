import { Command } from 'commander';
import { action } from '../../core/context';
import { findInvoice } from './find-invoice';
import { printInvoice } from './invoice-view';

/** finalize, pay and void: one step of the lifecycle each, from the seller's side. */
export function invoicesLifecycle(group: Command): void {
  group
    .command('finalize')
    .description('give a draft its number; it never changes again')
    .argument('<invoice>', 'id (drafts have no number yet)')
    .addHelpText('after', '\nExample:\n  cascade invoices finalize 0b6f…')
    .action(
      action(async (ctx, ref: string) => {
        const invoice = await findInvoice(ctx, ref);
        await printInvoice(ctx, await ctx.clients().invoices.finalizeInvoice({ id: invoice.id }));
      }),
    );
  group
    .command('pay')
    .description('mark a finalized invoice paid')
    .argument('<invoice>', 'number or id')
    .addHelpText('after', '\nExample:\n  cascade invoices pay ACME-2026-000001')
    .action(
      action(async (ctx, ref: string) => {
        const invoice = await findInvoice(ctx, ref);
        await printInvoice(ctx, await ctx.clients().invoices.markInvoicePaid({ id: invoice.id }));
      }),
    );
  group
    .command('void')
    .description('void a finalized invoice')
    .argument('<invoice>', 'number or id')
    .requiredOption('--reason <text>', 'why (kept with the invoice)')
    .addHelpText(
      'after',
      '\nExample:\n  cascade invoices void ACME-2026-000001 --reason "billed twice"',
    )
    .action(
      action(async (ctx, ref: string, opts: { reason: string }) => {
        const invoice = await findInvoice(ctx, ref);
        await printInvoice(
          ctx,
          await ctx.clients().invoices.voidInvoice({ id: invoice.id, reason: opts.reason }),
        );
      }),
    );
}
