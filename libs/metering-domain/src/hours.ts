import { Dec } from '@cascade/money';

export const MS_PER_HOUR = new Dec(3_600_000);

/** Milliseconds between two instants as a Dec, so gauge integrals stay exact. */
export function millisBetween(from: Date, to: Date): Dec {
  return new Dec(to.getTime() - from.getTime());
}
