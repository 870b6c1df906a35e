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
export type { TaxInvoiceLine } from './invoice-line';
export type { SubscriptionSpan, SubscriptionChargesInput } from './subscription-charges';
export { subscriptionCharges, basisOf, IN_ADVANCE } from './subscription-charges';
export type { FeeLineOptions } from './subscription-fees';
export { isCalendarMonth, duePeriod, periodAfter } from './billing-window';
export type {
  MarginEntry,
  MarginLine,
  MarginReport,
  MeterAmount,
  CounterpartyAmount,
} from './margin';
export { marginReport } from './margin';
export type {
  CreditableLine,
  CreditRequestLine,
  CreditNoteInput,
  CreditNoteLine,
  CreditNoteDraft,
} from './credit-note';
export { creditNote, CreditNoteError } from './credit-note';
export type { CreditedDraft } from './negative-due';
export { creditNegativeDue, BALANCE_CREDIT_DESCRIPTION } from './negative-due';
export type { OwnUseLine, OwnUseReport } from './own-use';
export { splitOwnUse } from './own-use';
export type { EdgeMeterUsage, RatedEdge, UnpricedLine, UnpricedReason } from './unpriced';
export { unpricedUsage, edgeKey } from './unpriced';
export type { LineLabels, LineNames, MeterLabel, PlanLabel } from './line-labels';
export { nameLine } from './line-labels';
export type { EffectiveProfile, OwnProfile, ProfileField, ProfileFields } from './seller-profile';
export {
  ACCENT_COLOR,
  dueAt,
  effectiveProfile,
  INVOICE_PREFIX,
  logoContentType,
  MAX_LOGO_BYTES,
  MAX_PAYMENT_TERMS_DAYS,
  prefixedInvoiceNumber,
} from './seller-profile';
export type {
  ScheduledRunRecord,
  ScheduledDraft,
  ScheduleInput,
  ScheduleDecision,
} from './billing-schedule';
export { scheduleTick } from './billing-schedule';
