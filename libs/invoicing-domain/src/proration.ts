import { Dec, ZERO } from '@cascade/money';
import { assertValidRange, durationMs, intersect, TimeRange } from './time-range';

/**
 * amount × (milliseconds of part inside full) / (milliseconds of full), unrounded.
 * Proration is by time, not by whole days, so a change at 14:00 counts from 14:00;
 * multiplying before dividing keeps exact results exact (10 × ½ is 5, not 4.999…).
 */
export function prorate(amount: Dec, full: TimeRange, part: TimeRange): Dec {
  assertValidRange(full, 'full period');
  assertValidRange(part, 'prorated part');
  const fullMs = durationMs(full);
  if (fullMs === 0) throw new RangeError('cannot prorate over an empty period');
  const overlap = intersect(full, part);
  if (overlap === null) return ZERO;
  return amount.times(durationMs(overlap)).div(fullMs);
}
