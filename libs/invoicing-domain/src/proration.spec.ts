import { Dec, formatDecimal, formatMoney, roundToCurrency, sum } from '@cascade/money';
import { feeCorrectionLines } from './fee-corrections';
import { prorate } from './proration';
import { range, span } from './testing/fixtures';

const usd = (amount: Dec): string => formatMoney(roundToCurrency(amount, 'USD'), 'USD');

describe('prorate', () => {
  const april = range('2026-04-01', '2026-05-01');

  it('Stripe: upgrade 10.00 → 20.00 halfway credits −5.00, charges +10.00, nets +5.00', () => {
    const secondHalf = range('2026-04-16', '2026-05-01');
    const credit = prorate(new Dec('10.00'), april, secondHalf).negated();
    const charge = prorate(new Dec('20.00'), april, secondHalf);
    expect([usd(credit), usd(charge), usd(credit.plus(charge))]).toEqual([
      '-5.00',
      '10.00',
      '5.00',
    ]);
  });

  it('Lago: 50.00 monthly started August 10 is 50 × 22/31 = 35.48', () => {
    const amount = prorate(
      new Dec('50'),
      range('2026-08-01', '2026-09-01'),
      range('2026-08-10', '2026-09-01'),
    );
    expect(formatDecimal(amount)).toBe(formatDecimal(new Dec(50).times(22).div(31)));
    expect(usd(amount)).toBe('35.48');
  });

  it.each([
    ['the whole period', '2026-04-01', '2026-05-01', '30'],
    ['a part reaching outside the period', '2026-03-01', '2026-04-16', '15'],
    ['a part outside the period', '2026-05-01', '2026-06-01', '0'],
    ['twelve hours', '2026-04-10T06:00:00Z', '2026-04-10T18:00:00Z', '0.5'],
  ])('prorates 30.00 over %s', (_name, start, end, expected) => {
    expect(formatDecimal(prorate(new Dec('30.00'), april, range(start, end)))).toBe(expected);
  });

  it('refuses an empty or inverted period', () => {
    expect(() => prorate(new Dec(1), range('2026-04-01', '2026-04-01'), april)).toThrow(RangeError);
    expect(() => prorate(new Dec(1), range('2026-05-01', '2026-04-01'), april)).toThrow(RangeError);
  });
});

describe('feeCorrectionLines', () => {
  const april = range('2026-04-01', '2026-05-01');

  it('Stripe: settles an in-advance fee after an upgrade halfway', () => {
    const billed = [span('basic', 1, '10.00', '2026-04-01', '2026-05-01')];
    const actual = [
      span('basic', 1, '10.00', '2026-04-01', '2026-04-16'),
      span('pro', 1, '20.00', '2026-04-16', '2026-05-01'),
    ];
    const lines = feeCorrectionLines(billed, actual, april);
    expect(lines.map((l) => [l.description, usd(l.preciseAmount)])).toEqual([
      ['Unused time, plan basic v1, 2026-04-16 – 2026-05-01 (15/30 days)', '-5.00'],
      ['Remaining time, plan pro v1, 2026-04-16 – 2026-05-01 (15/30 days)', '10.00'],
    ]);
    expect(usd(sum(lines.map((l) => l.preciseAmount)))).toBe('5.00');
  });

  it('credits the unused time after a cancellation', () => {
    const billed = [span('basic', 1, '30.00', '2026-04-01', '2026-05-01')];
    const actual = [span('basic', 1, '30.00', '2026-04-01', '2026-04-21')];
    const lines = feeCorrectionLines(billed, actual, april);
    expect(lines.map((l) => [l.description, usd(l.preciseAmount)])).toEqual([
      ['Unused time, plan basic v1, 2026-04-21 – 2026-05-01 (10/30 days)', '-10.00'],
    ]);
  });

  it('produces nothing when nothing changed', () => {
    const spans = [span('basic', 1, '10.00', '2026-04-01', '2026-05-01')];
    expect(feeCorrectionLines(spans, spans, april)).toEqual([]);
  });
});
