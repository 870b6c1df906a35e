import { Dec, ZERO } from '@cascade/money';
import type { PricerResult, TierUsage } from './pricer';

export function tierUsage(units: Dec, unitPrice: Dec, flatFee: Dec, upTo: Dec | null): TierUsage {
  return { units, unitPrice, flatFee, amount: units.times(unitPrice).plus(flatFee), upTo };
}

export function single(usage: TierUsage): PricerResult {
  return { tiers: [usage], amount: usage.amount };
}

/** Nothing billable touches no tier, so no tier's flat fee either. */
export function nothing(): PricerResult {
  return { tiers: [], amount: ZERO };
}
