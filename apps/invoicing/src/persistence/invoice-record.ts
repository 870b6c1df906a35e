import { createHash } from 'node:crypto';
import { Dec, formatDecimal } from '@cascade/money';
import { InvoiceRow, InvoiceStatus } from './invoice.entity';
import { InvoiceLineRow } from './invoice-line.entity';

/** An invoice with its lines, in line order. */
export interface StoredInvoice {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
}

export interface InvoiceKey {
  sellerTenantId: string;
  buyerTenantId: string;
  periodStart: Date;
  periodEnd: Date;
}

export type LineRecord = Omit<InvoiceLineRow, 'invoiceId'>;

/** What a billing run computed for one key, ready to store. */
export interface DraftRecord {
  key: InvoiceKey;
  currency: string;
  subtotal: Dec;
  taxRate: Dec;
  tax: Dec;
  total: Dec;
  creditsApplied: Dec;
  amountDue: Dec;
  /** A negative amount due, credited to the buyer when the invoice is finalized. */
  creditedToBalance: Dec | null;
  /** A preview of a period not yet ended: never finalized. */
  preview: boolean;
  lines: LineRecord[];
}

export type DraftOutcome = 'created' | 'updated' | 'unchanged' | 'locked';

export interface SavedDraft {
  id: string;
  outcome: DraftOutcome;
  status: InvoiceStatus;
}

export interface InvoiceFilter {
  sellerTenantId?: string;
  buyerTenantId?: string;
  periodStart?: Date;
  periodEnd?: Date;
  status?: InvoiceStatus;
  number?: string;
}

/** Stable fingerprint of everything a draft bills: equal digests mean nothing to rewrite. */
export function draftDigest(draft: DraftRecord): string {
  const dec = (value: Dec | null) => (value === null ? null : formatDecimal(value));
  const canonical = {
    currency: draft.currency,
    totals: [
      draft.subtotal,
      draft.taxRate,
      draft.tax,
      draft.total,
      draft.creditsApplied,
      draft.amountDue,
    ].map(dec),
    creditedToBalance: dec(draft.creditedToBalance),
    preview: draft.preview,
    lines: draft.lines.map((line) => [
      line.lineNo,
      line.kind,
      line.description,
      line.meterCode,
      dec(line.quantity),
      dec(line.amount),
      dec(line.preciseAmount),
      line.tiers,
      line.planId,
      line.planVersion,
      line.fromAt?.getTime() ?? null,
      line.toAt?.getTime() ?? null,
      dec(line.periodFee),
      line.feeInterval,
    ]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The columns a re-run of a draft replaces. */
export function draftColumns(draft: DraftRecord, digest: string, at: Date) {
  return {
    currency: draft.currency,
    subtotal: draft.subtotal,
    taxRate: draft.taxRate,
    tax: draft.tax,
    total: draft.total,
    creditsApplied: draft.creditsApplied,
    amountDue: draft.amountDue,
    creditedToBalance: draft.creditedToBalance,
    preview: draft.preview ? 1 : 0,
    contentDigest: digest,
    updatedAt: at,
  };
}

/** Statuses that no longer hold their key: the period may be billed again. */
export const RELEASED_STATUSES: readonly InvoiceStatus[] = ['VOID', 'DISCARDED'];

/**
 * A new draft invoice row for a draft record; `replaces` is the VOID invoice of the
 * same key, when there is one.
 */
export function newDraftRow(
  id: string,
  draft: DraftRecord,
  digest: string,
  at: Date,
  replaces: string | null,
) {
  return {
    id,
    number: null,
    ...draft.key,
    status: 'DRAFT' as const,
    ...draftColumns(draft, digest, at),
    voidReason: null,
    createdAt: at,
    finalizedAt: null,
    replacesInvoiceId: replaces,
    dueAt: null,
    paidAt: null,
    voidedAt: null,
  };
}
