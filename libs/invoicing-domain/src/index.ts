export type { TimeRange } from './time-range';
export { intersect, subtractRanges, durationMs } from './time-range';
export type { Interval, Anchor, Period } from './period';
export { periodContaining, nextPeriod, previousPeriod } from './period';
export { formatInstant, formatRange, formatDayFraction } from './period-label';
export { prorate } from './proration';
export type { PlanSpan, FeeLine } from './plan-span';
export { subscriptionFeeLines } from './subscription-fees';
export { feeCorrectionLines } from './fee-corrections';
export type {
  InvoiceLineKind,
  InvoiceLine,
  UsageTier,
  SubscriptionFeeInvoiceLine,
  UsageInvoiceLine,
  AdjustmentInvoiceLine,
  CreditInvoiceLine,
} from './invoice-line';
export type { UsageLineInput, InvoiceInput, InvoiceDraft } from './invoice-draft';
export { assembleInvoice } from './invoice-draft';
export { creditsToApply } from './credits';
export type { BilledUsage, AdjustmentLine } from './late-usage';
export { adjustmentLines } from './late-usage';
export { formatInvoiceNumber } from './invoice-number';
