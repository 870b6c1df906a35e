import {
  Dec,
  formatDecimal,
  formatMoney,
  minorUnits,
  roundToCurrency,
  sum,
  ZERO,
} from '@cascade/money';
import { creditsToApply } from './credits';
import { CreditInvoiceLine, InvoiceLine, TaxInvoiceLine, UsageTier } from './invoice-line';
import { AdjustmentLine } from './late-usage';
import { formatRange } from './period-label';
import { FeeLine } from './plan-span';
import { assertValidRange, TimeRange } from './time-range';

/** A rated usage line from the rating service, at full precision. */
export interface UsageLineInput {
  readonly meterCode: string;
  readonly quantity: Dec;
  readonly amount: Dec;
  readonly tiers: readonly UsageTier[];
  readonly planId: string;
  readonly planVersion: number;
  readonly from: Date;
  readonly to: Date;
  readonly description?: string;
}

export interface InvoiceInput {
  readonly sellerTenantId: string;
  readonly buyerTenantId: string;
  readonly currency: string;
  readonly period: TimeRange;
  readonly feeLines: readonly FeeLine[];
  readonly usageLines: readonly UsageLineInput[];
  readonly adjustmentLines?: readonly AdjustmentLine[];
  /** 0.2 for 20 %; none means no tax. */
  readonly taxRate?: Dec;
  /** Prepaid credits the buyer holds with this seller; none means none. */
  readonly availableCredits?: Dec;
}

/**
 * Invariants: subtotal = Σ charged line amounts (fees, usage, adjustments); tax = the TAX
 * line; total = subtotal + tax; amountDue = total − creditsApplied = Σ every line.
 */
export interface InvoiceDraft {
  readonly sellerTenantId: string;
  readonly buyerTenantId: string;
  readonly currency: string;
  readonly period: TimeRange;
  readonly lines: readonly InvoiceLine[];
  readonly subtotal: Dec;
  readonly taxRate: Dec;
  readonly tax: Dec;
  readonly total: Dec;
  readonly creditsApplied: Dec;
  readonly amountDue: Dec;
}

/**
 * Builds the invoice from what it is given and nothing else (no clock, no I/O).
 * Each line is rounded on its own, then rounded lines are summed, so the invoice adds
 * up to the minor unit. Tax is one figure on the subtotal, shown as a TAX line when the
 * rate is above zero. Credits come last, against the total including tax, as a CREDIT
 * line. Neither counts in the subtotal; every line together adds up to the amount due.
 * Lines keep the caller's order within each kind: fees, usage, adjustments, tax, credit.
 */
export function assembleInvoice(input: InvoiceInput): InvoiceDraft {
  const { currency } = input;
  minorUnits(currency); // fail on an unknown currency before building anything
  assertValidRange(input.period, 'billing period');
  const taxRate = input.taxRate ?? ZERO;
  if (taxRate.isNegative()) throw new RangeError('tax rate cannot be negative');
  const round = (amount: Dec): Dec => positiveZero(roundToCurrency(amount, currency));

  const charged: InvoiceLine[] = [
    ...input.feeLines.map((line): InvoiceLine => ({
      kind: 'SUBSCRIPTION_FEE',
      planId: line.planId,
      planVersion: line.version,
      from: line.from,
      to: line.to,
      periodFee: line.periodFee,
      interval: line.interval,
      description: line.description,
      preciseAmount: line.preciseAmount,
      amount: round(line.preciseAmount),
    })),
    ...input.usageLines.map((line): InvoiceLine => ({
      kind: 'USAGE',
      meterCode: line.meterCode,
      quantity: line.quantity,
      tiers: line.tiers,
      planId: line.planId,
      planVersion: line.planVersion,
      from: line.from,
      to: line.to,
      description: line.description ?? usageDescription(line),
      preciseAmount: line.amount,
      amount: round(line.amount),
    })),
    ...(input.adjustmentLines ?? []).map((line): InvoiceLine => ({
      kind: 'ADJUSTMENT',
      ...line,
      amount: round(line.preciseAmount),
    })),
  ];

  const subtotal = sum(charged.map((line) => line.amount));
  const tax = round(subtotal.times(taxRate));
  const total = subtotal.plus(tax);
  const creditsApplied = creditsToApply(total, input.availableCredits ?? ZERO, currency);
  const lines = [
    ...charged,
    ...(taxRate.isZero() ? [] : [taxLine(taxRate, tax, subtotal, currency)]),
    ...(creditsApplied.isZero() ? [] : [creditLine(creditsApplied)]),
  ];

  return {
    sellerTenantId: input.sellerTenantId,
    buyerTenantId: input.buyerTenantId,
    currency,
    period: input.period,
    lines,
    subtotal,
    taxRate,
    tax,
    total,
    creditsApplied,
    amountDue: total.minus(creditsApplied),
  };
}

function taxLine(rate: Dec, tax: Dec, subtotal: Dec, currency: string): TaxInvoiceLine {
  const percent = formatDecimal(rate.times(100));
  return {
    kind: 'TAX',
    rate,
    description: `Tax ${percent} % on ${formatMoney(subtotal, currency)}`,
    preciseAmount: subtotal.times(rate),
    amount: tax,
  };
}

function creditLine(creditsApplied: Dec): CreditInvoiceLine {
  const amount = creditsApplied.negated();
  return {
    kind: 'CREDIT',
    description: 'Prepaid credits applied',
    preciseAmount: amount,
    amount,
  };
}

function usageDescription(line: UsageLineInput): string {
  const range = formatRange({ start: line.from, end: line.to });
  return `${line.meterCode}: ${formatDecimal(line.quantity)} units, plan ${line.planId} v${line.planVersion}, ${range}`;
}

// decimal.js keeps the sign of zero, and "-0.00" on an invoice reads as an error.
function positiveZero(amount: Dec): Dec {
  return amount.isZero() ? ZERO : amount;
}
