import { Dec, ZERO } from '@cascade/money';

export interface MinimumApplied {
  /** The true-up that lifts the base amount to the minimum; zero when usage already reached it. */
  minimumAdjustment: Dec;
  amount: Dec;
}

/** Runs after pricing, on the base amount of the whole charge (Lago's minimum spend). */
export function applyMinimum(baseAmount: Dec, minimumAmount: Dec = ZERO): MinimumApplied {
  const minimumAdjustment = Dec.max(ZERO, minimumAmount.minus(baseAmount));
  return { minimumAdjustment, amount: baseAmount.plus(minimumAdjustment) };
}
