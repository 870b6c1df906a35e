import { BillingModel, Interval } from '@cascade/contracts';
import {
  Dec,
  exceedsInputDigits,
  INPUT_DIGITS_RULE,
  isDecimalString,
  isKnownCurrency,
} from '@cascade/money';
import { invalidArgument } from '@cascade/platform';

// One plan field each, from the wire: the value, or INVALID_ARGUMENT naming the field.

export function text(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalidArgument(field, 'is required');
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}

export function fee(value: string, field: string): Dec {
  if (value === '') return new Dec(0);
  if (!isDecimalString(value))
    throw invalidArgument(field, `not a decimal string: ${JSON.stringify(value)}`);
  if (exceedsInputDigits(value)) throw invalidArgument(field, INPUT_DIGITS_RULE);
  const amount = new Dec(value);
  if (amount.isNegative()) throw invalidArgument(field, 'must not be negative');
  return amount;
}

export function billingModel(value: BillingModel, field: string): 'SUBSCRIPTION' | 'PAYG' {
  if (value === BillingModel.SUBSCRIPTION) return 'SUBSCRIPTION';
  if (value === BillingModel.PAYG) return 'PAYG';
  throw invalidArgument(field, 'must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG');
}

export function interval(value: Interval, field: string): 'MONTHLY' | 'YEARLY' {
  if (value === Interval.MONTHLY) return 'MONTHLY';
  if (value === Interval.YEARLY) return 'YEARLY';
  throw invalidArgument(field, 'must be INTERVAL_MONTHLY or INTERVAL_YEARLY');
}

export function currency(value: string, field: string): string {
  if (!isKnownCurrency(value))
    throw invalidArgument(field, `unknown ISO 4217 currency code ${JSON.stringify(value)}`);
  return value;
}
