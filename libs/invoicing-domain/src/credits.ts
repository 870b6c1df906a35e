import { Dec, minorUnits, ZERO } from '@cascade/money';

/**
 * How much prepaid credit to draw on an invoice: at most the total, never below zero, and
 * in whole minor units rounded down, so we never draw more than the buyer holds.
 * A zero or negative total draws nothing: credits never widen what the seller owes.
 */
export function creditsToApply(total: Dec, available: Dec, currency: string): Dec {
  if (available.isNegative()) throw new RangeError('available credits cannot be negative');
  if (total.lte(0)) return ZERO;
  const usable = available.toDecimalPlaces(minorUnits(currency), Dec.ROUND_DOWN);
  return Dec.min(usable, total);
}
