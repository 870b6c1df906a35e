import { Dec, ZERO } from '@cascade/money';

export interface Allowance {
  /** Units actually given free: never more than was used. */
  freeUnits: Dec;
  billableQuantity: Dec;
}

/** Runs before pricing, so tiers start counting after the allowance (Lago's free units). */
export function applyFreeUnits(quantity: Dec, freeUnits: Dec = ZERO): Allowance {
  const given = Dec.max(ZERO, Dec.min(freeUnits, quantity));
  return { freeUnits: given, billableQuantity: quantity.minus(given) };
}
