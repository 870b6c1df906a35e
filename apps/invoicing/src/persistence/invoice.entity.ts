import { EntitySchema } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';

export const INVOICE_STATUSES = ['DRAFT', 'FINALIZED', 'PAID', 'VOID', 'DISCARDED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** One invoice per (seller, buyer, billing period); amounts rounded to the currency. */
export interface InvoiceRow {
  id: string;
  /** Null while a draft; gapless per seller once finalized. */
  number: string | null;
  sellerTenantId: string;
  buyerTenantId: string;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  status: InvoiceStatus;
  subtotal: Dec;
  taxRate: Dec;
  tax: Dec;
  total: Dec;
  creditsApplied: Dec;
  amountDue: Dec;
  /** Hash of the billed content: a re-run that computes the same invoice writes nothing. */
  contentDigest: string;
  voidReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  finalizedAt: Date | null;
  /** The VOID invoice of the same key this one bills again. */
  replacesInvoiceId: string | null;
  /** A negative amount due, turned into the buyer's prepaid credits with the seller. */
  creditedToBalance: Dec | null;
  /** 1 for a preview of a period not yet ended: never finalized. */
  preview: number;
  /** finalizedAt plus the payment terms in force at finalization. */
  dueAt: Date | null;
  paidAt: Date | null;
  voidedAt: Date | null;
}

export const InvoiceEntity = new EntitySchema<InvoiceRow>({
  name: 'InvoiceRow',
  tableName: 'invoice',
  properties: {
    id: { type: 'string', primary: true },
    number: { type: 'string', nullable: true },
    sellerTenantId: { type: 'string', fieldName: 'seller_tenant_id' },
    buyerTenantId: { type: 'string', fieldName: 'buyer_tenant_id' },
    periodStart: { type: InstantType, fieldName: 'period_start' },
    periodEnd: { type: InstantType, fieldName: 'period_end' },
    currency: { type: 'string' },
    status: { type: 'string' },
    subtotal: { type: DecimalType },
    taxRate: { type: DecimalType, fieldName: 'tax_rate' },
    tax: { type: DecimalType },
    total: { type: DecimalType },
    creditsApplied: { type: DecimalType, fieldName: 'credits_applied' },
    amountDue: { type: DecimalType, fieldName: 'amount_due' },
    contentDigest: { type: 'string', fieldName: 'content_digest' },
    voidReason: { type: 'string', nullable: true, fieldName: 'void_reason' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
    updatedAt: { type: InstantType, fieldName: 'updated_at' },
    finalizedAt: { type: InstantType, nullable: true, fieldName: 'finalized_at' },
    replacesInvoiceId: { type: 'string', nullable: true, fieldName: 'replaces_invoice_id' },
    creditedToBalance: { type: DecimalType, nullable: true, fieldName: 'credited_to_balance' },
    preview: { type: 'integer' },
    dueAt: { type: InstantType, nullable: true, fieldName: 'due_at' },
    paidAt: { type: InstantType, nullable: true, fieldName: 'paid_at' },
    voidedAt: { type: InstantType, nullable: true, fieldName: 'voided_at' },
  },
});
