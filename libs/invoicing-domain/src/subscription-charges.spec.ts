import { Dec, formatMoney, roundToCurrency, sum } from '@cascade/money';
import { Interval } from './period';
import { SubscriptionSpan, subscriptionCharges } from './subscription-charges';
import { range, utc } from './testing/fixtures';

const usd = (amount: Dec): string => formatMoney(roundToCurrency(amount, 'USD'), 'USD');

function sub(
  planId: string,
  version: number,
  fee: string,
  from: string,
  to: string,
  interval: Interval = 'MONTHLY',
): SubscriptionSpan {
  return {
    planId,
    version,
    subscriptionFee: new Dec(fee),
    from: utc(from),
    to: utc(to),
    interval,
  };
}

const APRIL = range('2026-04-01', '2026-05-01');
const MAY = range('2026-05-01', '2026-06-01');
const AUGUST = range('2026-08-01', '2026-09-01');
const SEPTEMBER = range('2026-09-01', '2026-10-01');

describe('subscriptionCharges: fees in advance, settled when the period ends', () => {
  it.each<[string, Parameters<typeof subscriptionCharges>[0], [string, string][]]>([
    [
      'Lago: a 50.00 plan started August 10 bills 22/31 days, then September in advance',
      {
        period: AUGUST,
        next: SEPTEMBER,
        actual: [sub('pro', 1, '50.00', '2026-08-10', '2026-09-01')],
        billed: [],
      },
      [
        ['Subscription fee, plan pro v1, 2026-08-10 – 2026-09-01 (22/31 days)', '35.48'],
        ['Subscription fee (in advance), plan pro v1, 2026-09-01 – 2026-10-01', '50.00'],
      ],
    ],
    [
      'Stripe: 10.00 → 20.00 halfway: −5.00 unused, +10.00 remaining, May at the new price',
      {
        period: APRIL,
        next: MAY,
        actual: [
          sub('basic', 1, '10.00', '2026-04-01', '2026-04-16'),
          sub('basic', 2, '20.00', '2026-04-16', '2026-05-01'),
        ],
        billed: [sub('basic', 1, '10.00', '2026-04-01', '2026-05-01')],
      },
      [
        ['Unused time, plan basic v1, 2026-04-16 – 2026-05-01 (15/30 days)', '-5.00'],
        ['Remaining time, plan basic v2, 2026-04-16 – 2026-05-01 (15/30 days)', '10.00'],
        ['Subscription fee (in advance), plan basic v2, 2026-05-01 – 2026-06-01', '20.00'],
      ],
    ],
    [
      'nothing changed: only the next period, in advance',
      {
        period: APRIL,
        next: MAY,
        actual: [sub('basic', 1, '10.00', '2026-04-01', '2026-05-01')],
        billed: [sub('basic', 1, '10.00', '2026-04-01', '2026-05-01')],
      },
      [['Subscription fee (in advance), plan basic v1, 2026-05-01 – 2026-06-01', '10.00']],
    ],
    [
      'cancelled April 21 after April was billed: 10 unused days credited, nothing in advance',
      {
        period: APRIL,
        next: MAY,
        actual: [sub('basic', 1, '30.00', '2026-04-01', '2026-05-01')],
        billed: [sub('basic', 1, '30.00', '2026-04-01', '2026-05-01')],
        cancelAt: utc('2026-04-21'),
      },
      [['Unused time, plan basic v1, 2026-04-21 – 2026-05-01 (10/30 days)', '-10.00']],
    ],
    [
      'a cancellation known in advance prorates the next period',
      {
        period: APRIL,
        next: MAY,
        actual: [sub('basic', 1, '31.00', '2026-04-01', '2026-05-01')],
        billed: [sub('basic', 1, '31.00', '2026-04-01', '2026-05-01')],
        cancelAt: utc('2026-05-11'),
      },
      [
        [
          'Subscription fee (in advance), plan basic v1, 2026-05-01 – 2026-05-11 (10/31 days)',
          '10.00',
        ],
      ],
    ],
    [
      'a buyer that moved to another seller on April 11: unused time back, no advance',
      {
        period: APRIL,
        next: MAY,
        actual: [sub('basic', 1, '30.00', '2026-04-01', '2026-04-11')],
        billed: [sub('basic', 1, '30.00', '2026-04-01', '2026-05-01')],
      },
      [['Unused time, plan basic v1, 2026-04-11 – 2026-05-01 (20/30 days)', '-20.00']],
    ],
    [
      'a yearly fee in monthly installments of the year starting with each period',
      {
        period: APRIL,
        next: MAY,
        actual: [sub('annual', 1, '365.00', '2026-04-01', '2026-05-01', 'YEARLY')],
        billed: [sub('annual', 1, '365.00', '2026-04-01', '2026-05-01', 'YEARLY')],
      },
      [
        [
          'Subscription fee (in advance), plan annual v1, 2026-05-01 – 2026-06-01 (31/365 days)',
          '31.00',
        ],
      ],
    ],
    ['no subscription, no fee', { period: APRIL, next: MAY, actual: [], billed: [] }, []],
  ])('%s', (_story, input, expected) => {
    const lines = subscriptionCharges(input);
    expect(lines.map((l) => [l.description, usd(l.preciseAmount)])).toEqual(expected);
  });

  it('Stripe nets +5.00 for April on top of May billed in advance', () => {
    const lines = subscriptionCharges({
      period: APRIL,
      next: MAY,
      actual: [
        sub('basic', 1, '10.00', '2026-04-01', '2026-04-16'),
        sub('basic', 2, '20.00', '2026-04-16', '2026-05-01'),
      ],
      billed: [sub('basic', 1, '10.00', '2026-04-01', '2026-05-01')],
    });
    const april = lines.filter((l) => l.to <= APRIL.end);
    expect(usd(sum(april.map((l) => l.preciseAmount)))).toBe('5.00');
    expect(lines.map((l) => [l.planId, l.version, l.from, l.to])).toEqual([
      ['basic', 1, utc('2026-04-16'), utc('2026-05-01')],
      ['basic', 2, utc('2026-04-16'), utc('2026-05-01')],
      ['basic', 2, MAY.start, MAY.end],
    ]);
  });
});
