import { formatDecimal, type Dec } from '@cascade/money';
import type { Tier } from '../charge';

/**
 * validateCharge rejects a closed last tier at the boundary; this guards
 * specs that skipped it, so no quantity is ever silently left unpriced.
 */
export function assertWithinTiers(tiers: readonly Tier[], quantity: Dec): void {
  const last = tiers[tiers.length - 1];
  if (last === undefined) throw new RangeError('tiered charge has no tiers');
  if (last.upTo !== null && quantity.gt(last.upTo)) {
    throw new RangeError(
      `quantity ${formatDecimal(quantity)} is beyond the last tier (up to ${formatDecimal(last.upTo)}); the last tier must be open`,
    );
  }
}
