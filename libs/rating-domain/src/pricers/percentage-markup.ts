import { Dec } from '@cascade/money';
import type { Pricer, TierUsage } from './pricer';

/**
 * The buyer pays what the seller would pay for the same quantity, plus the
 * markup. The upstream's own free units and minimum are terms of the seller's
 * contract on its whole subtree, so only its base model is reused here.
 */
export const pricePercentageMarkup: Pricer<'PERCENTAGE_MARKUP'> = (
  spec,
  quantity,
  ctx,
  priceBase,
) => {
  const upstream = ctx.upstream;
  if (upstream === undefined) {
    throw new Error(
      `PERCENTAGE_MARKUP charge for ${spec.meterCode} needs the charge its seller buys the meter under (ctx.upstream)`,
    );
  }
  if (upstream.meterCode !== spec.meterCode) {
    throw new Error(
      `PERCENTAGE_MARKUP charge for ${spec.meterCode} got an upstream charge for ${upstream.meterCode}`,
    );
  }
  const factor = new Dec(1).plus(spec.markupPercent.div(100));
  const cost = priceBase(upstream, quantity, ctx.upstreamContext ?? {});
  return { tiers: cost.tiers.map((t) => markUp(t, factor)), amount: cost.amount.times(factor) };
};

function markUp(tier: TierUsage, factor: Dec): TierUsage {
  return {
    units: tier.units,
    unitPrice: tier.unitPrice.times(factor),
    flatFee: tier.flatFee.times(factor),
    amount: tier.amount.times(factor),
    upTo: tier.upTo,
  };
}
