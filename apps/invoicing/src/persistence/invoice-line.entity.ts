import { EntitySchema } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';

export type LineKind = 'SUBSCRIPTION_FEE' | 'USAGE' | 'ADJUSTMENT' | 'TAX' | 'CREDIT';
export type FeeInterval = 'MONTHLY' | 'YEARLY';

/** A tier as rating reported it; decimal strings, so JSON keeps them exact. */
export interface StoredTier {
  units: string;
  unitPrice: string;
  amount: string;
  flatFee: string;
  /** Empty for the open last tier. */
  upTo: string;
}

/**
 * One line of an invoice, in its own table (not a JSON blob) so reports can sum
 * amounts in SQL. Fields a kind does not use are empty strings / null.
 */
export interface InvoiceLineRow {
  invoiceId: string;
  lineNo: number;
  kind: LineKind;
  description: string;
  meterCode: string;
  quantity: Dec | null;
  /** Rounded to the currency's minor units: what the invoice adds up. */
  amount: Dec;
  /** Full precision, as computed: what explains the rounded amount. */
  preciseAmount: Dec;
  tiers: StoredTier[];
  planId: string;
  planVersion: number;
  /** The time the line covers; for an adjustment, the earlier period it corrects. */
  fromAt: Date | null;
  toAt: Date | null;
  /** Fee lines: the fee of one whole interval, so a later invoice can settle this one. */
  periodFee: Dec | null;
  feeInterval: FeeInterval | null;
  /** What a person reads (usage and adjustments: the meter; fees and usage: the plan). */
  meterName: string;
  unit: string;
  planName: string;
  planCode: string;
}

export const InvoiceLineEntity = new EntitySchema<InvoiceLineRow>({
  name: 'InvoiceLineRow',
  tableName: 'invoice_line',
  properties: {
    invoiceId: { type: 'string', primary: true, fieldName: 'invoice_id' },
    lineNo: { type: 'integer', primary: true, fieldName: 'line_no' },
    kind: { type: 'string' },
    description: { type: 'text' },
    meterCode: { type: 'string', fieldName: 'meter_code' },
    quantity: { type: DecimalType, nullable: true },
    amount: { type: DecimalType },
    preciseAmount: { type: DecimalType, fieldName: 'precise_amount' },
    tiers: { type: 'json' },
    planId: { type: 'string', fieldName: 'plan_id' },
    planVersion: { type: 'integer', fieldName: 'plan_version' },
    fromAt: { type: InstantType, nullable: true, fieldName: 'from_at' },
    toAt: { type: InstantType, nullable: true, fieldName: 'to_at' },
    periodFee: { type: DecimalType, nullable: true, fieldName: 'period_fee' },
    feeInterval: { type: 'string', nullable: true, fieldName: 'fee_interval' },
    meterName: { type: 'string', fieldName: 'meter_name', default: '' },
    unit: { type: 'string', default: '' },
    planName: { type: 'string', fieldName: 'plan_name', default: '' },
    planCode: { type: 'string', fieldName: 'plan_code', default: '' },
  },
});
