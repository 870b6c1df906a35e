import { formatMoney, isDecimalString, isKnownCurrency, parseDecimal } from '@cascade/money';

/**
 * The one place the console writes an amount: from the API's decimal string,
 * through decimal.js, to the currency's minor units (USD 2, JPY 0, BHD 3),
 * with thousands separators. Never a JavaScript number.
 */
export function money(amount: string, currency: string): string {
  if (amount === '') return '—';
  if (!isDecimalString(amount) || !isKnownCurrency(currency)) return `${amount} ${currency}`.trim();
  const fixed = formatMoney(parseDecimal(amount), currency);
  return `${group(fixed)} ${currency}`;
}

/** A quantity as sent (full precision), grouped for reading. */
export function quantity(value: string, unit = ''): string {
  if (value === '') return '—';
  const text = isDecimalString(value) ? group(value) : value;
  return unit ? `${text} ${unit}` : text;
}

function group(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
