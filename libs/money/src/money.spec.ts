import {
  Dec,
  exceedsInputDigits,
  formatDecimal,
  formatMoney,
  isKnownCurrency,
  minorUnits,
  parseDecimal,
  roundToCurrency,
  sum,
} from './index';

describe('decimal strings', () => {
  it.each(['0', '12.5', '-0.0000042', '123456789012345678901234567890.123456789'])(
    'round-trips %s exactly',
    (s) => {
      expect(formatDecimal(parseDecimal(s))).toBe(s);
    },
  );

  it.each(['', '1e5', '01', '1.', '.5', 'NaN', ' 1', '+1', '1,5'])('rejects %j', (s) => {
    expect(() => parseDecimal(s)).toThrow(SyntaxError);
  });

  it('bounds the digits a request may send on each side of the point', () => {
    const thirty = '9'.repeat(30);
    expect([thirty, `-${thirty}.${thirty}`, `0.${thirty}`].map(exceedsInputDigits)).toEqual([
      false,
      false,
      false,
    ]);
    expect([`1${thirty}`, `-1${thirty}`, `0.${thirty}1`].map(exceedsInputDigits)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('adds without binary floating point error', () => {
    expect(formatDecimal(sum([parseDecimal('0.1'), parseDecimal('0.2')]))).toBe('0.3');
  });

  it('keeps tiny prices times large quantities exact', () => {
    expect(formatDecimal(parseDecimal('0.0000042').times('1234567'))).toBe('5.1851814');
  });
});

describe('currency rounding', () => {
  it.each([
    ['USD', '2.345', '2.35'],
    ['USD', '-2.345', '-2.35'],
    ['USD', '2.344999', '2.34'],
    ['JPY', '1234.5', '1235'],
    ['BHD', '1.2345', '1.235'],
    ['USD', '35.483870967741935', '35.48'],
  ])('%s %s rounds half-up to %s', (currency, amount, expected) => {
    expect(formatMoney(roundToCurrency(new Dec(amount), currency), currency)).toBe(expected);
  });

  it('knows minor units from ISO 4217', () => {
    expect([minorUnits('USD'), minorUnits('JPY'), minorUnits('BHD')]).toEqual([2, 0, 3]);
    expect(isKnownCurrency('XXX')).toBe(false);
    expect(() => minorUnits('XXX')).toThrow('unknown currency "XXX"');
  });
});
