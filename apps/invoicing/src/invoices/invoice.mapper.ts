import { MessageInitShape } from '@bufbuild/protobuf';
import {
  InvoiceEventSchema,
  InvoiceEventType as ProtoEventType,
  InvoiceLineSchema,
  InvoiceSchema,
  InvoiceStatus as ProtoStatus,
  LineKind as ProtoLineKind,
} from '@cascade/contracts';
import { Dec, formatDecimal, formatMoney } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { InvoiceLineRow } from '../persistence/invoice-line.entity';
import { InvoiceEventType } from '../persistence/invoice-event.entity';
import { creditNoteToProto } from '../credit-notes/credit-note.mapper';
import { StoredInvoice } from '../persistence/invoice-record';
import { WatchedEvent } from './invoice-watch.service';

/** Rounded figures with the currency's minor units ("12.50", "1200"); precise ones as they are. */
export function invoiceToProto(stored: StoredInvoice): MessageInitShape<typeof InvoiceSchema> {
  const { invoice, lines } = stored;
  const money = (amount: Dec) => formatMoney(amount, invoice.currency);
  return {
    id: invoice.id,
    number: invoice.number ?? '',
    sellerTenantId: invoice.sellerTenantId,
    buyerTenantId: invoice.buyerTenantId,
    periodStart: toTimestamp(invoice.periodStart),
    periodEnd: toTimestamp(invoice.periodEnd),
    currency: invoice.currency,
    status: ProtoStatus[invoice.status],
    lines: lines.map((line) => lineToProto(line, invoice.currency)),
    subtotal: money(invoice.subtotal),
    tax: money(invoice.tax),
    total: money(invoice.total),
    creditsApplied: money(invoice.creditsApplied),
    amountDue: money(invoice.amountDue),
    taxRate: formatDecimal(invoice.taxRate),
    replacesInvoiceId: invoice.replacesInvoiceId ?? '',
    creditedToBalance: invoice.creditedToBalance ? money(invoice.creditedToBalance) : '',
    preview: invoice.preview === 1,
    createdAt: toTimestamp(invoice.createdAt),
    finalizedAt: optionalTimestamp(invoice.finalizedAt),
    dueAt: optionalTimestamp(invoice.dueAt),
    paidAt: optionalTimestamp(invoice.paidAt),
    voidedAt: optionalTimestamp(invoice.voidedAt),
    voidReason: invoice.voidReason ?? '',
  };
}

export function lineToProto(
  line: InvoiceLineRow,
  currency: string,
): MessageInitShape<typeof InvoiceLineSchema> {
  return {
    kind: ProtoLineKind[line.kind],
    description: line.description,
    meterCode: line.meterCode,
    quantity: line.quantity ? formatDecimal(line.quantity) : '',
    amount: formatMoney(line.amount, currency),
    preciseAmount: formatDecimal(line.preciseAmount),
    tiers: line.tiers.map((tier) => ({ ...tier })),
    planId: line.planId,
    planVersion: line.planVersion,
    from: line.fromAt ? toTimestamp(line.fromAt) : undefined,
    to: line.toAt ? toTimestamp(line.toAt) : undefined,
    meterName: line.meterName,
    unit: line.unit,
    planName: line.planName,
    planCode: line.planCode,
    lineNumber: line.lineNo,
  };
}

function optionalTimestamp(instant: Date | null) {
  return instant ? toTimestamp(instant) : undefined;
}

const EVENT_TYPES: Record<InvoiceEventType, ProtoEventType> = {
  CREATED: ProtoEventType.CREATED,
  UPDATED: ProtoEventType.UPDATED,
  FINALIZED: ProtoEventType.FINALIZED,
  PAID: ProtoEventType.PAID,
  VOIDED: ProtoEventType.VOIDED,
  CREDITED: ProtoEventType.CREDIT_NOTE_ISSUED,
  DISCARDED: ProtoEventType.DISCARDED,
};

export function eventToProto(event: WatchedEvent): MessageInitShape<typeof InvoiceEventSchema> {
  return {
    sequence: event.sequence,
    type: EVENT_TYPES[event.type],
    invoice: invoiceToProto(event.invoice),
    creditNote: event.creditNote ? creditNoteToProto(event.creditNote) : undefined,
  };
}
