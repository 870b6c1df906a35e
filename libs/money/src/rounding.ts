import { Dec } from './decimal';
import { minorUnits } from './currency';

/** Rounds half-up (away from zero on a tie) to the currency's minor units. */
export function roundToCurrency(amount: Dec, currency: string): Dec {
  return amount.toDecimalPlaces(minorUnits(currency), Dec.ROUND_HALF_UP);
}

/** A rounded amount with exactly the currency's number of decimals ("12.50", "1200", "0.125"). */
export function formatMoney(amount: Dec, currency: string): string {
  return amount.toFixed(minorUnits(currency), Dec.ROUND_HALF_UP);
}
