import { Dec, minorUnits } from '@cascade/money';
import type { ChargeModel, ChargeSpec } from './charge';

/**
 * Settings a plan may store only where rating reads them: anything else
 * would be kept, shown and silently ignored. Each problem is "field: reason".
 */
const READS: Record<ChargeModel, readonly string[]> = {
  PER_UNIT: ['unit_price', 'free_units', 'minimum_amount'],
  GRADUATED: ['tiers', 'free_units', 'minimum_amount'],
  VOLUME: ['tiers', 'free_units', 'minimum_amount'],
  PACKAGE: ['package_size', 'package_price', 'free_units', 'minimum_amount'],
  // A flat fee does not depend on the quantity, so units given away change nothing.
  FLAT: ['flat_amount', 'minimum_amount'],
  PERCENTAGE_MARKUP: ['markup_percent', 'free_units', 'minimum_amount'],
};

/** The charge fields that are set but that its model never reads. */
export function unusedChargeFields(model: ChargeModel, setFields: readonly string[]): string[] {
  const reads = READS[model];
  return setFields
    .filter((field) => !reads.includes(field))
    .map((field) => `${field}: a ${model} charge does not use it`);
}

/** An amount billed as it is must be payable: no finer than the currency's minor unit. */
export function finerThanCurrency(
  field: string,
  amount: Dec | undefined,
  currency: string,
): string[] {
  if (amount === undefined || !amount.isFinite()) return [];
  const places = minorUnits(currency);
  return amount.decimalPlaces() > places
    ? [`${field}: ${amount.toString()} is finer than ${currency}'s minor unit (${places} decimals)`]
    : [];
}

/** A PAYG plan bills usage only: a subscription fee on it would never be charged. */
export function paygFeeProblem(billingModel: string, subscriptionFee: Dec | undefined): string[] {
  return billingModel === 'PAYG' && subscriptionFee !== undefined && !subscriptionFee.isZero()
    ? ['subscription_fee: a PAYG plan bills no subscription fee']
    : [];
}

/**
 * The amounts of a charge billed as they are (not multiplied by a quantity):
 * the minimum, a flat amount, a tier's flat fee. Unit and package prices may be
 * finer than the minor unit: they are multiplied before invoicing rounds.
 */
export function chargeAmountProblems(spec: ChargeSpec, currency: string): string[] {
  const own =
    spec.model === 'FLAT' ? finerThanCurrency('flat_amount', spec.flatAmount, currency) : [];
  const tiers =
    spec.model === 'GRADUATED' || spec.model === 'VOLUME'
      ? spec.tiers.flatMap((t, i) => finerThanCurrency(`tiers[${i}].flat_fee`, t.flatFee, currency))
      : [];
  return [...finerThanCurrency('minimum_amount', spec.minimumAmount, currency), ...own, ...tiers];
}
