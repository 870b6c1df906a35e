import { parseDecimal, type Dec } from '@cascade/money';
import type { Tier } from '../charge';

/** Test shorthand: decimals are written as the strings they travel as. */
export const d = (text: string): Dec => parseDecimal(text);

/** Rows of [upTo | null, unitPrice, flatFee?]. */
export function tiers(
  ...rows: [upTo: string | null, unitPrice: string, flatFee?: string][]
): Tier[] {
  return rows.map(([upTo, unitPrice, flatFee]) => ({
    upTo: upTo === null ? null : d(upTo),
    unitPrice: d(unitPrice),
    ...(flatFee === undefined ? {} : { flatFee: d(flatFee) }),
  }));
}
