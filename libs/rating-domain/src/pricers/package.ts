import { Dec, ZERO } from '@cascade/money';
import type { Pricer } from './pricer';
import { nothing, single, tierUsage } from './tier-usage';

/**
 * The tier line counts packages, not meter units: `packages × packagePrice`
 * is the sum a person can redo by hand, where a per-unit price would not divide exactly.
 */
export const pricePackage: Pricer<'PACKAGE'> = (spec, quantity) => {
  const packages = startedPackages(quantity, spec.packageSize);
  return packages.isZero() ? nothing() : single(tierUsage(packages, spec.packagePrice, ZERO, null));
};

/** ceil(quantity / size) from an exact remainder, never from a rounded quotient. */
export function startedPackages(quantity: Dec, size: Dec): Dec {
  const rest = quantity.mod(size);
  const whole = quantity.minus(rest).div(size);
  return rest.isZero() ? whole : whole.plus(1);
}
