import type { Dec } from '@cascade/money';
import type { ChargeModel, ChargeSpec } from './charge';
import { applyFreeUnits } from './free-units';
import { applyMinimum } from './minimum';
import type { PricingContext } from './pricing-context';
import { PeriodShare, prorateCharge, prorateContext, WHOLE_PERIOD } from './proration';
import { priceFlat } from './pricers/flat';
import { priceGraduated } from './pricers/graduated';
import { pricePackage } from './pricers/package';
import { pricePercentageMarkup } from './pricers/percentage-markup';
import { pricePerUnit } from './pricers/per-unit';
import type { PricerResult, TierUsage } from './pricers/pricer';
import { priceVolume } from './pricers/volume';

/** Everything needed to explain a charge's amount; full precision, invoicing rounds. */
export interface PricedCharge {
  model: ChargeModel;
  quantity: Dec;
  freeUnits: Dec;
  billableQuantity: Dec;
  tiers: TierUsage[];
  baseAmount: Dec;
  minimumAdjustment: Dec;
  amount: Dec;
}

/**
 * Allowance, then the model's base price, then the minimum: each a separate step.
 * `share` is the part of the period the charge applies for (proration.ts).
 */
export function priceCharge(
  whole: ChargeSpec,
  quantity: Dec,
  wholeCtx: PricingContext = {},
  share: PeriodShare = WHOLE_PERIOD,
): PricedCharge {
  const spec = prorateCharge(whole, share);
  const ctx = prorateContext(wholeCtx, share);
  if (!quantity.isFinite() || quantity.lt(0)) {
    throw new RangeError(`quantity must be a non-negative decimal, got ${quantity.toString()}`);
  }
  const { freeUnits, billableQuantity } = applyFreeUnits(quantity, spec.freeUnits);
  const base = priceBase(spec, billableQuantity, ctx);
  const { minimumAdjustment, amount } = applyMinimum(base.amount, spec.minimumAmount);
  return {
    model: spec.model,
    quantity,
    freeUnits,
    billableQuantity,
    tiers: base.tiers,
    baseAmount: base.amount,
    minimumAdjustment,
    amount,
  };
}

/** The one place a model picks its pricer. */
function priceBase(spec: ChargeSpec, quantity: Dec, ctx: PricingContext): PricerResult {
  switch (spec.model) {
    case 'PER_UNIT':
      return pricePerUnit(spec, quantity, ctx, priceBase);
    case 'GRADUATED':
      return priceGraduated(spec, quantity, ctx, priceBase);
    case 'VOLUME':
      return priceVolume(spec, quantity, ctx, priceBase);
    case 'PACKAGE':
      return pricePackage(spec, quantity, ctx, priceBase);
    case 'FLAT':
      return priceFlat(spec, quantity, ctx, priceBase);
    case 'PERCENTAGE_MARKUP':
      return pricePercentageMarkup(spec, quantity, ctx, priceBase);
    default:
      return unknownModel(spec);
  }
}

// Specs arrive from outside the type system (API, database), so the impossible case still throws.
function unknownModel(spec: never): never {
  const model = (spec as { model?: unknown }).model;
  throw new Error(`unknown charge model ${JSON.stringify(model)}`);
}
