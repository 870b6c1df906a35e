import { ZERO } from '@cascade/money';
import type { Pricer } from './pricer';
import { nothing, single, tierUsage } from './tier-usage';

export const pricePerUnit: Pricer<'PER_UNIT'> = (spec, quantity) =>
  quantity.isZero() ? nothing() : single(tierUsage(quantity, spec.unitPrice, ZERO, null));
