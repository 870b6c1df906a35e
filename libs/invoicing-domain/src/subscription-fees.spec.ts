import { formatDecimal, formatMoney, roundToCurrency } from '@cascade/money';
import { PlanSpan } from './plan-span';
import { subscriptionFeeLines } from './subscription-fees';
import { range, span } from './testing/fixtures';

const august = range('2026-08-01', '2026-09-01');

describe('subscriptionFeeLines', () => {
  it.each<[string, PlanSpan[], [string, string][]]>([
    [
      'a span covering the period bills the whole fee',
      [span('pro', 3, '50.00', '2026-01-01', '2027-01-01')],
      [['Subscription fee, plan pro v3, 2026-08-01 – 2026-09-01', '50.00']],
    ],
    [
      'a start mid-period (Lago: August 10, 22 of 31 days)',
      [span('pro', 3, '50.00', '2026-08-10', '2027-01-01')],
      [['Subscription fee, plan pro v3, 2026-08-10 – 2026-09-01 (22/31 days)', '35.48']],
    ],
    [
      'a plan change bills each version for its own time',
      [
        span('pro', 4, '62.00', '2026-08-21', '2027-01-01'),
        span('pro', 3, '31.00', '2026-01-01', '2026-08-21'),
      ],
      [
        ['Subscription fee, plan pro v3, 2026-08-01 – 2026-08-21 (20/31 days)', '20.00'],
        ['Subscription fee, plan pro v4, 2026-08-21 – 2026-09-01 (11/31 days)', '22.00'],
      ],
    ],
    [
      'a cancellation bills up to the cancel instant',
      [span('pro', 3, '31.00', '2026-01-01', '2026-08-05T12:00:00Z')],
      [['Subscription fee, plan pro v3, 2026-08-01 – 2026-08-05T12:00:00Z (4.5/31 days)', '4.50']],
    ],
    [
      'a span outside the period bills nothing',
      [span('pro', 3, '31.00', '2026-01-01', '2026-08-01')],
      [],
    ],
  ])('%s', (_story, spans, expected) => {
    const lines = subscriptionFeeLines(spans, august);
    expect(
      lines.map((l) => [
        l.description,
        formatMoney(roundToCurrency(l.preciseAmount, 'USD'), 'USD'),
      ]),
    ).toEqual(expected);
  });

  it('keeps the precise amount and the plan version on each line', () => {
    const [line] = subscriptionFeeLines([span('pro', 3, '50', '2026-08-10', '2026-09-01')], august);
    expect(line).toMatchObject({
      planId: 'pro',
      version: 3,
      from: new Date('2026-08-10T00:00:00Z'),
    });
    expect(formatDecimal(line!.preciseAmount)).toBe(
      '35.4838709677419354838709677419354838709677419354838709677419',
    );
  });

  it('rejects overlapping spans and negative fees', () => {
    const overlapping = [
      span('pro', 3, '50', '2026-01-01', '2026-08-15'),
      span('pro', 4, '60', '2026-08-10', '2027-01-01'),
    ];
    expect(() => subscriptionFeeLines(overlapping, august)).toThrow('plan spans overlap');
    expect(() =>
      subscriptionFeeLines([span('pro', 3, '-1', '2026-01-01', '2027-01-01')], august),
    ).toThrow('negative subscription fee');
  });
});
