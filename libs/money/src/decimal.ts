import Decimal from 'decimal.js';

/**
 * Cascade's own Decimal: enough precision that no billing computation ever rounds
 * before we ask it to, and half-up rounding as the default.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_STRING = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Parses a canonical decimal string ("12.5", "-0.0000042"); throws on anything else. */
export function parseDecimal(text: string): Dec {
  if (!DECIMAL_STRING.test(text))
    throw new SyntaxError(`not a decimal string: ${JSON.stringify(text)}`);
  return new Dec(text);
}

/** True when text is a decimal string parseDecimal accepts. */
export function isDecimalString(text: string): boolean {
  return DECIMAL_STRING.test(text);
}

/**
 * How many digits a decimal from outside (a request) may have on each side of
 * the point. Dec computes with 60 significant digits: a longer input would be
 * rounded by the first computation, and no quantity, price or rate needs more.
 */
const MAX_INPUT_DIGITS = 30;
export const INPUT_DIGITS_RULE = `at most ${MAX_INPUT_DIGITS} digits before and ${MAX_INPUT_DIGITS} after the decimal point`;

/** True when a decimal string has more digits on either side of the point than a request may send. */
export function exceedsInputDigits(text: string): boolean {
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
  return whole.length > MAX_INPUT_DIGITS || fraction.length > MAX_INPUT_DIGITS;
}

/** Plain notation, no exponent, no trailing zeros: the wire and storage form. */
export function formatDecimal(value: Dec): string {
  return value.toFixed();
}

export const ZERO = new Dec(0);

export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
