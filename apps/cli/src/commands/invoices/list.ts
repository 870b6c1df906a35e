import { Command, Option } from 'commander';
import { Invoice, InvoiceStatus } from '@cascade/contracts';
import { action } from '../../core/context';
import { CliError } from '../../core/exit-codes';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';
import { invoiceRows, printInvoices } from './invoice-view';

const STATUSES = ['draft', 'finalized', 'paid', 'void', 'discarded'] as const;

interface Options {
  seller?: string;
  buyer?: string;
  period?: string;
  status?: (typeof STATUSES)[number];
  number?: string;
  pageSize: string;
  pageToken?: string;
  all?: boolean;
}

export function invoicesList(group: Command): void {
  group
    .command('list')
    .description('invoices by seller, buyer, month, status or number, a page at a time (or --all)')
    .option('--seller <tenant>', 'external_ref or id')
    .option('--buyer <tenant>', 'external_ref or id')
    .option('--period <month>', 'e.g. 2026-10')
    .addOption(new Option('--status <status>', 'only this status').choices(STATUSES))
    .option('--number <number>', 'the invoice number as printed')
    .option('--page-size <n>', 'invoices per page, 1 to 1000', '100')
    .option('--page-token <token>', 'the page after the one that printed this token')
    .option('--all', 'follow the page tokens to the last page')
    .addHelpText(
      'after',
      '\nExample:\n  cascade invoices list --seller acme --period 2026-10 --status draft --all --output csv > invoices.csv',
    )
    .action(
      action(async (ctx, opts: Options) => {
        const pageSize = Number(opts.pageSize);
        if (!/^\d+$/.test(opts.pageSize) || pageSize < 1 || pageSize > 1000)
          throw new CliError(
            `--page-size: expected a whole number from 1 to 1000, got ${JSON.stringify(opts.pageSize)}`,
          );
        const sellerTenantId = opts.seller ? (await resolveTenant(ctx, opts.seller)).id : '';
        const buyerTenantId = opts.buyer ? (await resolveTenant(ctx, opts.buyer)).id : '';
        const period = opts.period ? periodTimestamps(parsePeriod(opts.period)) : {};
        const invoices: Invoice[] = [];
        let pageToken = opts.pageToken ?? '';
        do {
          const page = await ctx.clients().invoices.listInvoices({
            sellerTenantId,
            buyerTenantId,
            ...period,
            status: opts.status
              ? InvoiceStatus[opts.status.toUpperCase() as keyof typeof InvoiceStatus]
              : InvoiceStatus.UNSPECIFIED,
            number: opts.number ?? '',
            pageSize,
            pageToken,
          });
          invoices.push(...page.invoices);
          pageToken = page.nextPageToken;
        } while (opts.all && pageToken);
        printInvoices(ctx, await invoiceRows(ctx, invoices));
        // On stderr, so stdout stays one clean listing a script can read.
        if (pageToken) ctx.note(`more invoices: --page-token ${pageToken} (or --all)`);
      }),
    );
}
