import { toJson } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Invoice, InvoiceLine, InvoiceSchema, InvoiceStatus, LineKind } from '@cascade/contracts';
import { Ctx } from '../../core/context';
import { Column, printList, printRecord } from '../../core/output';
import { day } from '../../core/periods';

/** Tenant external refs by id, looked up once per command. */
export class TenantRefs {
  private readonly refs = new Map<string, Promise<string>>();
  constructor(private readonly ctx: Ctx) {}

  of(id: string): Promise<string> {
    if (!this.refs.has(id))
      this.refs.set(
        id,
        this.ctx
          .clients()
          .tenants.getTenant({ id })
          .then((t) => t.externalRef)
          .catch(() => id),
      );
    return this.refs.get(id)!;
  }
}

export interface InvoiceRow {
  invoice: Invoice;
  seller: string;
  buyer: string;
}

export async function invoiceRows(ctx: Ctx, invoices: Invoice[]): Promise<InvoiceRow[]> {
  const refs = new TenantRefs(ctx);
  return Promise.all(
    invoices.map(async (invoice) => ({
      invoice,
      seller: await refs.of(invoice.sellerTenantId),
      buyer: await refs.of(invoice.buyerTenantId),
    })),
  );
}

const status = (i: Invoice) => InvoiceStatus[i.status];
const period = (i: Invoice) => day(i.periodStart && timestampDate(i.periodStart)).slice(0, 7);

export const INVOICE_COLUMNS: Column<InvoiceRow>[] = [
  { header: 'number', value: (r) => r.invoice.number },
  { header: 'status', value: (r) => status(r.invoice) },
  { header: 'seller', value: (r) => r.seller },
  { header: 'buyer', value: (r) => r.buyer },
  { header: 'period', value: (r) => period(r.invoice) },
  { header: 'currency', value: (r) => r.invoice.currency },
  { header: 'total', value: (r) => r.invoice.total, right: true },
  { header: 'amount_due', value: (r) => r.invoice.amountDue, right: true },
  { header: 'id', value: (r) => r.invoice.id },
];

export const LINE_COLUMNS: Column<InvoiceLine & { n: number }>[] = [
  { header: '#', value: (l) => String(l.lineNumber || l.n), right: true },
  { header: 'kind', value: (l) => LineKind[l.kind] },
  { header: 'description', value: (l) => l.description },
  { header: 'meter', value: (l) => l.meterName || l.meterCode },
  {
    header: 'quantity',
    value: (l) => (l.quantity && l.unit ? `${l.quantity} ${l.unit}` : l.quantity),
    right: true,
  },
  { header: 'amount', value: (l) => l.amount, right: true },
];

export function printInvoices(ctx: Ctx, rows: InvoiceRow[]): void {
  printList(ctx.out, ctx.format, rows, INVOICE_COLUMNS, (r) => toJson(InvoiceSchema, r.invoice));
}

/** One invoice: its facts, then its lines (table); or the whole invoice (json); or its lines (csv). */
export async function printInvoice(ctx: Ctx, invoice: Invoice): Promise<void> {
  const lines = invoice.lines.map((l, i) => Object.assign(l, { n: i + 1 }));
  if (ctx.format === 'json' || ctx.format === 'ndjson')
    return printRecord(ctx.out, ctx.format, [], toJson(InvoiceSchema, invoice));
  if (ctx.format === 'csv') return printList(ctx.out, 'csv', lines, LINE_COLUMNS, () => null);
  const [row] = await invoiceRows(ctx, [invoice]);
  printRecord(
    ctx.out,
    'table',
    [
      ...INVOICE_COLUMNS.map((c): [string, string] => [c.header, c.value(row)]),
      ['subtotal', invoice.subtotal],
      ['tax', invoice.tax],
      ['credits_applied', invoice.creditsApplied],
    ],
    null,
  );
  printList(ctx.out, 'table', lines, LINE_COLUMNS, () => null);
}
