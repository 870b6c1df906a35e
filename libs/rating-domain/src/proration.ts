import type { Dec } from '@cascade/money';
import type { ChargeSpec } from './charge';
import type { PricingContext } from './pricing-context';

/**
 * The part of the rated period a plan span covers, in milliseconds: the same
 * fraction subscription fees are prorated by (invoicing's `prorate`), so a
 * buyer that joins on the 16th of a 31-day month pays 16/31 of each.
 */
export interface PeriodShare {
  part: number;
  whole: number;
}

export const WHOLE_PERIOD: PeriodShare = { part: 1, whole: 1 };

/** Multiplying before dividing keeps exact results exact (31 × 16/31 is 16). */
export function prorateAmount(amount: Dec, share: PeriodShare): Dec {
  return amount.times(share.part).div(share.whole);
}

/**
 * A charge's terms for a span: the amounts due per period whatever the usage
 * (a FLAT amount, a minimum) are prorated like the fee; prices per unit, tier
 * flat fees (which usage triggers) and free units are not.
 */
export function prorateCharge(spec: ChargeSpec, share: PeriodShare): ChargeSpec {
  if (share.part === share.whole) return spec;
  const minimumAmount = spec.minimumAmount && prorateAmount(spec.minimumAmount, share);
  if (spec.model === 'FLAT')
    return { ...spec, flatAmount: prorateAmount(spec.flatAmount, share), minimumAmount };
  return { ...spec, minimumAmount };
}

/** A markup over a FLAT charge marks up the prorated amount. */
export function prorateContext(ctx: PricingContext, share: PeriodShare): PricingContext {
  if (share.part === share.whole) return ctx;
  return {
    upstream: ctx.upstream && prorateCharge(ctx.upstream, share),
    upstreamContext: ctx.upstreamContext && prorateContext(ctx.upstreamContext, share),
  };
}
