import {
  Dec,
  exceedsInputDigits,
  INPUT_DIGITS_RULE,
  isDecimalString,
  isKnownCurrency,
  minorUnits,
} from '@cascade/money';
import { invalidArgument } from '@cascade/platform';

export function requireText(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidArgument(field, 'is required');
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}

/** Text that may be empty, bounded like required text. */
export function optionalText(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}

/** A repeated field with at most `max` items ("lines", 1000, "lines"). */
export function requireAtMost<T>(items: readonly T[], max: number, field: string): readonly T[] {
  if (items.length > max) throw invalidArgument(field, `at most ${max} ${field}`);
  return items;
}

/** A decimal string ("12.5"), or INVALID_ARGUMENT naming the field. */
export function requireDecimal(value: string, field: string): Dec {
  const text = value.trim();
  if (text === '') throw invalidArgument(field, 'is required');
  if (!isDecimalString(text))
    throw invalidArgument(
      field,
      `must be a decimal string such as "12.5", got ${JSON.stringify(value)}`,
    );
  if (exceedsInputDigits(text)) throw invalidArgument(field, INPUT_DIGITS_RULE);
  return new Dec(text);
}

/** An ISO 4217 code as ISO writes it: "usd" is not a currency code. */
export function requireCurrency(value: string, field: string): string {
  const code = value.trim();
  if (code === '') throw invalidArgument(field, 'is required');
  if (!isKnownCurrency(code))
    throw invalidArgument(field, `unknown ISO 4217 currency ${JSON.stringify(value)}`);
  return code;
}

/** A positive amount in the currency's minor units (no fraction of a cent). */
export function requireAmount(value: string, field: string, currency: string): Dec {
  const amount = requireDecimal(value, field);
  if (!amount.gt(0)) throw invalidArgument(field, 'must be positive');
  const places = minorUnits(currency);
  if (amount.decimalPlaces() > places)
    throw invalidArgument(
      field,
      `${currency} has ${places} decimal places; got ${amount.toFixed()}`,
    );
  return amount;
}
