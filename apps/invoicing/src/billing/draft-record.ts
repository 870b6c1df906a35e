import {
  CreditedDraft,
  InvoiceLine,
  LineLabels,
  nameLine,
  TimeRange,
  UsageTier,
} from '@cascade/invoicing-domain';
import { formatDecimal } from '@cascade/money';
import { StoredTier } from '../persistence/invoice-line.entity';
import { DraftRecord, LineRecord } from '../persistence/invoice-record';

/** The assembled invoice in the shape the repository stores, its lines named for people. */
export function draftRecord(
  draft: CreditedDraft,
  preview: boolean,
  labels: LineLabels,
): DraftRecord {
  return {
    key: {
      sellerTenantId: draft.sellerTenantId,
      buyerTenantId: draft.buyerTenantId,
      periodStart: draft.period.start,
      periodEnd: draft.period.end,
    },
    currency: draft.currency,
    subtotal: draft.subtotal,
    taxRate: draft.taxRate,
    tax: draft.tax,
    total: draft.total,
    creditsApplied: draft.creditsApplied,
    amountDue: draft.amountDue,
    creditedToBalance: draft.creditedToBalance.isZero() ? null : draft.creditedToBalance,
    preview,
    lines: draft.lines.map((line, index) => lineRecord(line, index + 1, draft.period, labels)),
  };
}

function lineRecord(
  line: InvoiceLine,
  lineNo: number,
  period: TimeRange,
  labels: LineLabels,
): LineRecord {
  const base = {
    lineNo,
    kind: line.kind,
    ...nameLine(line, period, labels),
    amount: line.amount,
    preciseAmount: line.preciseAmount,
    meterCode: '',
    quantity: null,
    tiers: [],
    planId: '',
    planVersion: 0,
    fromAt: null,
    toAt: null,
    periodFee: null,
    feeInterval: null,
  };
  switch (line.kind) {
    case 'SUBSCRIPTION_FEE':
      return {
        ...base,
        planId: line.planId,
        planVersion: line.planVersion,
        fromAt: line.from,
        toAt: line.to,
        periodFee: line.periodFee,
        feeInterval: line.interval ?? null,
      };
    case 'USAGE':
      return {
        ...base,
        meterCode: line.meterCode,
        quantity: line.quantity,
        tiers: line.tiers.map(storedTier),
        planId: line.planId,
        planVersion: line.planVersion,
        fromAt: line.from,
        toAt: line.to,
      };
    case 'ADJUSTMENT':
      return {
        ...base,
        meterCode: line.meterCode,
        quantity: line.quantity,
        fromAt: line.forPeriod.start,
        toAt: line.forPeriod.end,
      };
    case 'TAX':
    case 'CREDIT':
      return base;
  }
}

function storedTier(tier: UsageTier): StoredTier {
  return {
    units: formatDecimal(tier.units),
    unitPrice: formatDecimal(tier.unitPrice),
    amount: formatDecimal(tier.amount),
    flatFee: tier.flatFee ? formatDecimal(tier.flatFee) : '',
    upTo: tier.upTo ? formatDecimal(tier.upTo) : '',
  };
}
