import { EntitySchema } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';
import { LineKind } from './invoice-line.entity';

/** A correction to a finalized invoice; the invoice itself never changes. */
export interface CreditNoteRow {
  id: string;
  number: string;
  invoiceId: string;
  sellerTenantId: string;
  buyerTenantId: string;
  currency: string;
  reason: string;
  subtotal: Dec;
  tax: Dec;
  total: Dec;
  /** 1 when the total went to the buyer's prepaid credits. */
  creditedToBalance: number;
  idempotencyKey: string | null;
  /** What the request with idempotencyKey asked for: a reuse must ask the same. */
  requestDigest: string | null;
  createdAt: Date;
}

export interface CreditNoteLineRow {
  creditNoteId: string;
  lineNo: number;
  invoiceLineNo: number;
  kind: LineKind;
  description: string;
  meterCode: string;
  amount: Dec;
}

export const CreditNoteEntity = new EntitySchema<CreditNoteRow>({
  name: 'CreditNoteRow',
  tableName: 'credit_note',
  properties: {
    id: { type: 'string', primary: true },
    number: { type: 'string' },
    invoiceId: { type: 'string', fieldName: 'invoice_id' },
    sellerTenantId: { type: 'string', fieldName: 'seller_tenant_id' },
    buyerTenantId: { type: 'string', fieldName: 'buyer_tenant_id' },
    currency: { type: 'string' },
    reason: { type: 'text' },
    subtotal: { type: DecimalType },
    tax: { type: DecimalType },
    total: { type: DecimalType },
    creditedToBalance: { type: 'integer', fieldName: 'credited_to_balance' },
    idempotencyKey: { type: 'string', nullable: true, fieldName: 'idempotency_key' },
    requestDigest: { type: 'string', nullable: true, fieldName: 'request_digest' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
  },
});

export const CreditNoteLineEntity = new EntitySchema<CreditNoteLineRow>({
  name: 'CreditNoteLineRow',
  tableName: 'credit_note_line',
  properties: {
    creditNoteId: { type: 'string', primary: true, fieldName: 'credit_note_id' },
    lineNo: { type: 'integer', primary: true, fieldName: 'line_no' },
    invoiceLineNo: { type: 'integer', fieldName: 'invoice_line_no' },
    kind: { type: 'string' },
    description: { type: 'text' },
    meterCode: { type: 'string', fieldName: 'meter_code' },
    amount: { type: DecimalType },
  },
});

export interface StoredCreditNote {
  note: CreditNoteRow;
  lines: CreditNoteLineRow[];
}
