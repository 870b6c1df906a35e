import { Dec, formatMoney } from '@cascade/money';
import { DocumentInvoice, DocumentLine, DocumentLineKind } from './document-input';

/**
 * The words and figures every format prints, in one place so the PDF, the HTML
 * and the CSV never disagree about an amount or a date.
 */
export function money(amount: string, currency: string): string {
  return formatMoney(new Dec(amount || '0'), currency);
}

export function day(at: Date | undefined): string {
  return at ? at.toISOString().slice(0, 10) : '';
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * The due date with the payment terms it came from, read off the invoice's own dates
 * (finalized + terms), so the terms printed are those in force when it was issued.
 */
export function dueText(issuedAt: Date | undefined, dueAt: Date | undefined): string {
  if (!dueAt) return '';
  if (!issuedAt) return day(dueAt);
  const days = Math.round((dueAt.getTime() - issuedAt.getTime()) / MS_PER_DAY);
  return `${day(dueAt)} (${days === 0 ? 'due on receipt' : `net ${days} days`})`;
}

/** Periods are half-open; people read the last day they cover. */
export function periodText(start: Date, end: Date): string {
  return `${day(start)} to ${day(new Date(end.getTime() - 1))}`;
}

export function documentTitle(invoice: DocumentInvoice): string {
  return invoice.number ? `Invoice ${invoice.number}` : `Draft invoice ${invoice.id}`;
}

export function fileStem(invoice: DocumentInvoice): string {
  return invoice.number || `draft-${invoice.id}`;
}

const KIND_LABELS: Record<DocumentLineKind, string> = {
  SUBSCRIPTION_FEE: 'Subscription',
  USAGE: 'Usage',
  ADJUSTMENT: 'Adjustment',
  CREDIT: 'Credit',
  TAX: 'Tax',
};

export function kindLabel(kind: DocumentLineKind): string {
  return KIND_LABELS[kind];
}

/** "vCPU hours (compute.vcpu)" for usage; the description otherwise. */
export function lineTitle(line: DocumentLine): string {
  if (!line.meterCode) return line.description;
  const name = line.meterName && line.meterName !== line.meterCode ? line.meterName : '';
  const meter = name ? `${name} (${line.meterCode})` : line.meterCode;
  return line.planName ? `${meter}, ${line.planName}` : meter;
}

export function quantityText(line: DocumentLine): string {
  if (!line.quantity) return '';
  return line.unit ? `${line.quantity} ${line.unit}` : line.quantity;
}

/** Tier amounts at full precision: they explain the rounded line amount. */
export function tierTexts(line: DocumentLine): string[] {
  return line.tiers.map((tier) => `${tier.units} x ${tier.unitPrice} = ${tier.amount}`);
}

export const DRAFT_NOTICE = 'DRAFT - not payable; the number is given on finalization';

export interface TotalRow {
  label: string;
  amount: string;
}

/** Subtotal, tax, total, credits and amount due, formatted in the currency's minor units. */
export function totalRows(invoice: DocumentInvoice): TotalRow[] {
  const c = invoice.currency;
  const rate = new Dec(invoice.taxRate || '0').times(100);
  const rows: TotalRow[] = [
    { label: 'Subtotal', amount: money(invoice.subtotal, c) },
    { label: `Tax (${rate.toFixed()} %)`, amount: money(invoice.tax, c) },
    { label: 'Total', amount: money(invoice.total, c) },
  ];
  if (!new Dec(invoice.creditsApplied || '0').isZero())
    rows.push({ label: 'Prepaid credits applied', amount: `-${money(invoice.creditsApplied, c)}` });
  rows.push({ label: `Amount due (${c})`, amount: money(invoice.amountDue, c) });
  return rows;
}

/** The lines the table shows: tax is a total row, not a table line. */
export function tableLines(invoice: DocumentInvoice): DocumentLine[] {
  return invoice.lines.filter((line) => line.kind !== 'TAX');
}
