export type {
  ChargeModel,
  ChargeOf,
  ChargeSpec,
  FlatCharge,
  GraduatedCharge,
  PackageCharge,
  PercentageMarkupCharge,
  PerUnitCharge,
  Tier,
  VolumeCharge,
} from './charge';
export { CHARGE_MODELS } from './charge';
export { validateCharge } from './validate-charge';
export type { PricingContext } from './pricing-context';
export { upstreamChain } from './pricing-context';
export type { PricerResult, TierUsage } from './pricers/pricer';
export type { Allowance } from './free-units';
export { applyFreeUnits } from './free-units';
export type { MinimumApplied } from './minimum';
export { applyMinimum } from './minimum';
export type { PricedCharge } from './price-charge';
export { priceCharge } from './price-charge';
export type { Period, PlanAssignment, PlanSpan, PlanVersionRef } from './plan-timeline';
export { planTimeline } from './plan-timeline';
export {
  chargeAmountProblems,
  finerThanCurrency,
  paygFeeProblem,
  unusedChargeFields,
} from './plan-rules';
export type { PeriodShare } from './proration';
export { prorateAmount, WHOLE_PERIOD } from './proration';
