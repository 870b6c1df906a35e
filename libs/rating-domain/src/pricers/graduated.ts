import { Dec, ZERO, sum } from '@cascade/money';
import type { Pricer, TierUsage } from './pricer';
import { assertWithinTiers } from './tier-range';
import { tierUsage } from './tier-usage';

/**
 * Tier i holds the units in (previous upTo, upTo]. A tier's flat fee is due
 * once any unit lands in it, so a quantity that ends exactly on a boundary
 * does not pay the next tier's fee.
 */
export const priceGraduated: Pricer<'GRADUATED'> = (spec, quantity) => {
  assertWithinTiers(spec.tiers, quantity);
  const touched: TierUsage[] = [];
  let lower = ZERO;
  for (const tier of spec.tiers) {
    if (quantity.lte(lower)) break;
    const upper = tier.upTo === null ? quantity : Dec.min(quantity, tier.upTo);
    touched.push(tierUsage(upper.minus(lower), tier.unitPrice, tier.flatFee ?? ZERO, tier.upTo));
    if (tier.upTo === null) break;
    lower = tier.upTo;
  }
  return { tiers: touched, amount: sum(touched.map((t) => t.amount)) };
};
