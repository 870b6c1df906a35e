import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

export const INVOICE_EVENT_TYPES = [
  'CREATED',
  'UPDATED',
  'FINALIZED',
  'PAID',
  'VOIDED',
  /** A credit note corrected the invoice (on the wire: CREDIT_NOTE_ISSUED). */
  'CREDITED',
  'DISCARDED',
] as const;
export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[number];

/** The outbox: one row per state change, written in the change's own transaction. */
export interface InvoiceEventRow {
  /** Identity (PostgreSQL) / autoincrement (SQLite); bigint comes back as a string. */
  sequence: string;
  invoiceId: string;
  sellerTenantId: string;
  buyerTenantId: string;
  type: InvoiceEventType;
  createdAt: Date;
  /** Set on CREDITED. */
  creditNoteId: string | null;
}

export const InvoiceEventEntity = new EntitySchema<InvoiceEventRow>({
  name: 'InvoiceEventRow',
  tableName: 'invoice_event',
  properties: {
    sequence: { type: 'bigint', primary: true, autoincrement: true },
    invoiceId: { type: 'string', fieldName: 'invoice_id' },
    sellerTenantId: { type: 'string', fieldName: 'seller_tenant_id' },
    buyerTenantId: { type: 'string', fieldName: 'buyer_tenant_id' },
    type: { type: 'string' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
    creditNoteId: { type: 'string', nullable: true, fieldName: 'credit_note_id' },
  },
});
