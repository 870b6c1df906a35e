import { create } from '@bufbuild/protobuf';
import { timestampDate, Timestamp } from '@bufbuild/protobuf/wkt';
import { Invoice, InvoiceSchema, InvoiceStatus, LineKind } from '@cascade/contracts';
import { DocumentInvoice, DocumentLineKind, DocumentStatus } from '@cascade/invoice-documents';
import { invoiceToProto } from '../invoices/invoice.mapper';
import { StoredInvoice } from '../persistence/invoice-record';

const date = (ts: Timestamp | undefined) => (ts ? timestampDate(ts) : undefined);

/**
 * What the document shows of an invoice, taken from the same message GetInvoice answers,
 * so a field the wire gains (meter names, due dates) reaches the document too.
 */
export function toDocumentInvoice(stored: StoredInvoice): DocumentInvoice {
  const invoice: Invoice = create(InvoiceSchema, invoiceToProto(stored));
  return {
    id: invoice.id,
    number: invoice.number,
    status: InvoiceStatus[invoice.status] as DocumentStatus,
    currency: invoice.currency,
    periodStart: timestampDate(invoice.periodStart!),
    periodEnd: timestampDate(invoice.periodEnd!),
    // Until invoices carry finalized_at on the wire, the row's own instant.
    issuedAt: date(invoice.finalizedAt) ?? stored.invoice.finalizedAt ?? undefined,
    dueAt: date(invoice.dueAt),
    lines: invoice.lines.map((line, index) => ({
      number: line.lineNumber || index + 1,
      kind: LineKind[line.kind] as DocumentLineKind,
      description: line.description,
      meterCode: line.meterCode,
      meterName: line.meterName || line.meterCode,
      unit: line.unit,
      planName: line.planName,
      quantity: line.quantity,
      amount: line.amount,
      tiers: line.tiers.map((t) => ({ units: t.units, unitPrice: t.unitPrice, amount: t.amount })),
      from: date(line.from),
      to: date(line.to),
    })),
    subtotal: invoice.subtotal,
    taxRate: invoice.taxRate,
    tax: invoice.tax,
    total: invoice.total,
    creditsApplied: invoice.creditsApplied,
    amountDue: invoice.amountDue,
  };
}
