import { ZERO } from '@cascade/money';
import type { Pricer } from './pricer';
import { single } from './tier-usage';

/**
 * A fixed fee for having the charge at all, so it is due at zero usage too;
 * a fee that only usage triggers is a tier flat fee instead.
 */
export const priceFlat: Pricer<'FLAT'> = (spec, quantity) =>
  single({
    units: quantity,
    unitPrice: ZERO,
    flatFee: spec.flatAmount,
    amount: spec.flatAmount,
    upTo: null,
  });
