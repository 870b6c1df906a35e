import { Dec } from '@cascade/money';
import { TimeRange } from './time-range';

export type InvoiceLineKind = 'SUBSCRIPTION_FEE' | 'USAGE' | 'ADJUSTMENT' | 'TAX' | 'CREDIT';

/**
 * One tier a usage line touched, as rating reported it (`units × unitPrice + flatFee =
 * amount`): rating-domain's TierUsage fits as is, and is carried through untouched.
 */
export interface UsageTier {
  readonly units: Dec;
  readonly unitPrice: Dec;
  readonly flatFee?: Dec;
  readonly amount: Dec;
  /** The tier's upper bound; null for the last, open tier. */
  readonly upTo?: Dec | null;
}

/**
 * Every line keeps the precise amount next to the rounded one (Lago's amount_cents and
 * precise_amount_cents): the rounded one is what adds up, the precise one explains it.
 */
interface LineAmounts {
  readonly description: string;
  /** Full precision, as computed. */
  readonly preciseAmount: Dec;
  /** preciseAmount rounded half-up to the currency's minor units. */
  readonly amount: Dec;
}

export interface SubscriptionFeeInvoiceLine extends LineAmounts {
  readonly kind: 'SUBSCRIPTION_FEE';
  readonly planId: string;
  readonly planVersion: number;
  readonly from: Date;
  readonly to: Date;
  /** The fee of one whole interval, which this line prorates. */
  readonly periodFee: Dec;
  readonly interval?: 'MONTHLY' | 'YEARLY';
}

export interface UsageInvoiceLine extends LineAmounts {
  readonly kind: 'USAGE';
  readonly meterCode: string;
  readonly quantity: Dec;
  readonly tiers: readonly UsageTier[];
  readonly planId: string;
  readonly planVersion: number;
  readonly from: Date;
  readonly to: Date;
}

export interface AdjustmentInvoiceLine extends LineAmounts {
  readonly kind: 'ADJUSTMENT';
  readonly meterCode: string;
  /** Change in quantity since the period was billed (may be negative). */
  readonly quantity: Dec;
  /** The earlier period this adjustment belongs to. */
  readonly forPeriod: TimeRange;
}

/** Tax on the subtotal: its own line, after the charges, not part of the subtotal. */
export interface TaxInvoiceLine extends LineAmounts {
  readonly kind: 'TAX';
  /** 0.2 for 20 %. */
  readonly rate: Dec;
}

/** Prepaid credits drawn: shown on the invoice, but not part of the subtotal. */
export interface CreditInvoiceLine extends LineAmounts {
  readonly kind: 'CREDIT';
}

export type InvoiceLine =
  | SubscriptionFeeInvoiceLine
  | UsageInvoiceLine
  | AdjustmentInvoiceLine
  | TaxInvoiceLine
  | CreditInvoiceLine;
