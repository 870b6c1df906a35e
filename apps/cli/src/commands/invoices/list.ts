import { Command, Option } from 'commander';
import { Invoice, InvoiceStatus } from '@cascade/contracts';
import { action } from '../../core/context';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';
import { invoiceRows, printInvoices } from './invoice-view';

const STATUSES = ['draft', 'finalized', 'paid', 'void'] as const;

interface Options {
  seller?: string;
  buyer?: string;
  period?: string;
  status?: (typeof STATUSES)[number];
  number?: string;
}

export function invoicesList(group: Command): void {
  group
    .command('list')
    .description('invoices by seller, buyer, month, status or number, every page')
    .option('--seller <tenant>', 'external_ref or id')
    .option('--buyer <tenant>', 'external_ref or id')
    .option('--period <month>', 'e.g. 2026-10')
    .addOption(new Option('--status <status>', 'only this status').choices(STATUSES))
    .option('--number <number>', 'the invoice number as printed')
    .addHelpText(
      'after',
      '\nExample:\n  cascade invoices list --seller acme --period 2026-10 --output csv > invoices.csv',
    )
    .action(
      action(async (ctx, opts: Options) => {
        const sellerTenantId = opts.seller ? (await resolveTenant(ctx, opts.seller)).id : '';
        const buyerTenantId = opts.buyer ? (await resolveTenant(ctx, opts.buyer)).id : '';
        const period = opts.period ? periodTimestamps(parsePeriod(opts.period)) : {};
        const invoices: Invoice[] = [];
        let pageToken = '';
        do {
          const page = await ctx.clients().invoices.listInvoices({
            sellerTenantId,
            buyerTenantId,
            ...period,
            status: opts.status
              ? InvoiceStatus[opts.status.toUpperCase() as keyof typeof InvoiceStatus]
              : InvoiceStatus.UNSPECIFIED,
            number: opts.number ?? '',
            pageToken,
          });
          invoices.push(...page.invoices);
          pageToken = page.nextPageToken;
        } while (pageToken);
        printInvoices(ctx, await invoiceRows(ctx, invoices));
      }),
    );
}
