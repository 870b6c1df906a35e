import { ZERO } from '@cascade/money';
import type { Pricer } from './pricer';
import { assertWithinTiers } from './tier-range';
import { nothing, single, tierUsage } from './tier-usage';

/** Inclusive upTo: a quantity equal to a tier's bound still gets that tier's price. */
export const priceVolume: Pricer<'VOLUME'> = (spec, quantity) => {
  assertWithinTiers(spec.tiers, quantity);
  if (quantity.isZero()) return nothing();
  const reached = spec.tiers.find((t) => t.upTo === null || quantity.lte(t.upTo));
  // assertWithinTiers guarantees a tier is reached; this satisfies the type checker.
  if (reached === undefined) throw new RangeError('no tier reached');
  return single(tierUsage(quantity, reached.unitPrice, reached.flatFee ?? ZERO, reached.upTo));
};
