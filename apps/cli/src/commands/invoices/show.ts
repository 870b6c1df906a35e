import { Command } from 'commander';
import { action } from '../../core/context';
import { findInvoice } from './find-invoice';
import { printInvoice } from './invoice-view';

export function invoicesShow(group: Command): void {
  group
    .command('show')
    .description('one invoice with its lines (--output csv: the lines only)')
    .argument('<invoice>', 'number or id')
    .addHelpText('after', '\nExample:\n  cascade invoices show ACME-2026-000001')
    .action(action(async (ctx, ref: string) => printInvoice(ctx, await findInvoice(ctx, ref))));
}
