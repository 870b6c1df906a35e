import fc from 'fast-check';
import { Anchor, Interval, nextPeriod, periodContaining, previousPeriod } from './period';
import { formatRange } from './period-label';
import { range, utc } from './testing/fixtures';

const calendar: Anchor = { kind: 'CALENDAR' };
const anniversary = (start: string): Anchor => ({ kind: 'ANNIVERSARY', start: utc(start) });

describe('periodContaining', () => {
  it.each<[string, Interval, Anchor, string]>([
    ['2026-08-15T12:00:00Z', 'MONTHLY', calendar, '2026-08-01 – 2026-09-01'],
    ['2026-08-01T00:00:00Z', 'MONTHLY', calendar, '2026-08-01 – 2026-09-01'],
    ['2026-08-31T23:59:59.999Z', 'MONTHLY', calendar, '2026-08-01 – 2026-09-01'],
    ['2026-12-31T23:00:00Z', 'MONTHLY', calendar, '2026-12-01 – 2027-01-01'],
    ['2024-02-29T12:00:00Z', 'MONTHLY', calendar, '2024-02-01 – 2024-03-01'],
    ['1969-07-20T20:17:00Z', 'MONTHLY', calendar, '1969-07-01 – 1969-08-01'],
    ['2026-06-15T00:00:00Z', 'YEARLY', calendar, '2026-01-01 – 2027-01-01'],
    ['2024-12-31T23:59:59.999Z', 'YEARLY', calendar, '2024-01-01 – 2025-01-01'],
    ['2026-02-15', 'MONTHLY', anniversary('2026-01-31'), '2026-01-31 – 2026-02-28'],
    ['2026-02-28', 'MONTHLY', anniversary('2026-01-31'), '2026-02-28 – 2026-03-31'],
    ['2026-03-30', 'MONTHLY', anniversary('2026-01-31'), '2026-02-28 – 2026-03-31'],
    ['2026-04-30', 'MONTHLY', anniversary('2026-01-31'), '2026-04-30 – 2026-05-31'],
    ['2028-02-01', 'MONTHLY', anniversary('2026-01-31'), '2028-01-31 – 2028-02-29'],
    ['2028-02-29T10:00:00Z', 'MONTHLY', anniversary('2026-01-31'), '2028-02-29 – 2028-03-31'],
    ['2025-12-15', 'MONTHLY', anniversary('2026-01-31'), '2025-11-30 – 2025-12-31'],
    ['2026-08-10', 'MONTHLY', anniversary('2026-08-10'), '2026-08-10 – 2026-09-10'],
    [
      '2026-09-10T14:29:59Z',
      'MONTHLY',
      anniversary('2026-08-10T14:30:00Z'),
      '2026-08-10T14:30:00Z – 2026-09-10T14:30:00Z',
    ],
    ['2025-03-01', 'YEARLY', anniversary('2024-02-29'), '2025-02-28 – 2026-02-28'],
    ['2027-02-28', 'YEARLY', anniversary('2024-02-29'), '2027-02-28 – 2028-02-29'],
    ['2028-02-29', 'YEARLY', anniversary('2024-02-29'), '2028-02-29 – 2029-02-28'],
    ['2026-10-01', 'YEARLY', anniversary('2026-03-31'), '2026-03-31 – 2027-03-31'],
  ])('%s %s %j → %s', (instant, interval, anchor, expected) => {
    expect(formatRange(periodContaining(utc(instant), interval, anchor))).toBe(expected);
  });

  it('rejects an invalid instant or anchor', () => {
    expect(() => periodContaining(new Date('nope'), 'MONTHLY', calendar)).toThrow(RangeError);
    expect(() =>
      periodContaining(utc('2026-01-01'), 'MONTHLY', { kind: 'ANNIVERSARY', start: new Date(NaN) }),
    ).toThrow(RangeError);
  });
});

describe('nextPeriod and previousPeriod', () => {
  function chain(interval: Interval, anchor: Anchor, first: string, count: number): string[] {
    let period = periodContaining(utc(first), interval, anchor);
    const labels = [formatRange(period)];
    while (labels.length < count) {
      period = nextPeriod(period, interval, anchor);
      labels.push(formatRange(period));
    }
    return labels;
  }

  it('walks a day-31 anniversary through short months and back', () => {
    expect(chain('MONTHLY', anniversary('2027-12-31'), '2028-01-31', 4)).toEqual([
      '2028-01-31 – 2028-02-29',
      '2028-02-29 – 2028-03-31',
      '2028-03-31 – 2028-04-30',
      '2028-04-30 – 2028-05-31',
    ]);
  });

  it('walks a leap-day yearly anniversary', () => {
    expect(chain('YEARLY', anniversary('2024-02-29'), '2024-02-29', 5)).toEqual([
      '2024-02-29 – 2025-02-28',
      '2025-02-28 – 2026-02-28',
      '2026-02-28 – 2027-02-28',
      '2027-02-28 – 2028-02-29',
      '2028-02-29 – 2029-02-28',
    ]);
  });

  it('steps back one period', () => {
    const march = range('2026-02-28', '2026-03-31');
    expect(formatRange(previousPeriod(march, 'MONTHLY', anniversary('2026-01-31')))).toBe(
      '2026-01-31 – 2026-02-28',
    );
  });

  it('rejects a range that is not a period of the schedule', () => {
    expect(() => nextPeriod(range('2026-08-10', '2026-09-10'), 'MONTHLY', calendar)).toThrow(
      'is not a MONTHLY period of this anchor',
    );
  });

  it('tiles time: every instant is in one period, and periods touch', () => {
    const instant = fc.date({
      min: utc('1990-01-01'),
      max: utc('2100-01-01'),
      noInvalidDate: true,
    });
    const anchorArb = fc.oneof(
      fc.constant<Anchor>(calendar),
      instant.map((start): Anchor => ({ kind: 'ANNIVERSARY', start })),
    );
    const intervalArb = fc.constantFrom<Interval>('MONTHLY', 'YEARLY');
    fc.assert(
      fc.property(instant, intervalArb, anchorArb, (at, interval, anchor) => {
        const period = periodContaining(at, interval, anchor);
        expect(period.start <= at && at < period.end).toBe(true);
        expect(+nextPeriod(period, interval, anchor).start).toBe(+period.end);
        expect(+previousPeriod(period, interval, anchor).end).toBe(+period.start);
      }),
    );
  });
});
