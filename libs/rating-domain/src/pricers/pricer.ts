import type { Dec } from '@cascade/money';
import type { ChargeModel, ChargeOf, ChargeSpec } from '../charge';
import type { PricingContext } from '../pricing-context';

/** One tier touched while pricing: `units × unitPrice + flatFee = amount`, checkable by hand. */
export interface TierUsage {
  units: Dec;
  unitPrice: Dec;
  flatFee: Dec;
  amount: Dec;
  upTo: Dec | null;
}

/** A model's price for a quantity, before any allowance or minimum. */
export interface PricerResult {
  tiers: TierUsage[];
  amount: Dec;
}

/** Prices any spec by its model; handed to pricers that price through another spec. */
export type PriceBase = (spec: ChargeSpec, quantity: Dec, ctx: PricingContext) => PricerResult;

/**
 * The one interface every charge model implements. `priceBase` is passed in
 * rather than imported so the markup pricer can recurse without an import cycle.
 */
export type Pricer<M extends ChargeModel> = (
  spec: ChargeOf<M>,
  quantity: Dec,
  ctx: PricingContext,
  priceBase: PriceBase,
) => PricerResult;
