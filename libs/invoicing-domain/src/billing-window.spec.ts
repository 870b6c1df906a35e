import fc from 'fast-check';
import { duePeriod, isCalendarMonth, periodAfter } from './billing-window';
import { Anchor } from './period';
import { formatRange } from './period-label';
import { range, utc } from './testing/fixtures';

const anniversary = (start: string): Anchor => ({ kind: 'ANNIVERSARY', start: utc(start) });

describe('billing windows', () => {
  it.each<[string, string, boolean]>([
    ['2026-01-01', '2026-02-01', true],
    ['2024-02-01', '2024-03-01', true],
    ['2026-01-01', '2026-03-01', false],
    ['2026-01-02', '2026-02-02', false],
    ['2026-01-01', '2026-01-31', false],
    ['2026-01-01T00:00:00.001Z', '2026-02-01', false],
  ])('%s – %s is a calendar month: %s', (start, end, expected) => {
    expect(isCalendarMonth(range(start, end))).toBe(expected);
  });

  it.each<[string, Anchor, string]>([
    ['2026-08-01', { kind: 'CALENDAR' }, '2026-08-01 – 2026-09-01'],
    ['2026-08-01', anniversary('2026-03-10'), '2026-07-10 – 2026-08-10'],
    ['2026-08-01', anniversary('2026-03-01'), '2026-08-01 – 2026-09-01'],
    [
      '2026-08-01',
      anniversary('2026-03-01T06:00:00Z'),
      '2026-07-01T06:00:00Z – 2026-08-01T06:00:00Z',
    ],
    ['2026-02-01', anniversary('2026-01-31'), '2026-01-31 – 2026-02-28'],
    ['2026-03-01', anniversary('2026-01-31'), '2026-02-28 – 2026-03-31'],
  ])('the run over the month of %s bills %j for %s', (month, anchor, expected) => {
    const start = utc(month);
    const window = {
      start,
      end: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)),
    };
    expect(formatRange(duePeriod(window, anchor))).toBe(expected);
  });

  it('bills every anniversary period exactly once over consecutive monthly runs', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (anchorAt) => {
          const anchor: Anchor = { kind: 'ANNIVERSARY', start: anchorAt };
          let window = range('2031-01-01', '2031-02-01');
          let previous = duePeriod(window, anchor);
          for (let i = 0; i < 14; i += 1) {
            window = periodAfter(window, { kind: 'CALENDAR' });
            const due = duePeriod(window, anchor);
            expect(due.start).toEqual(previous.end);
            expect(due.end > window.start && due.end <= window.end).toBe(true);
            previous = due;
          }
        },
      ),
    );
  });

  it('the next period follows the same schedule', () => {
    expect(
      formatRange(periodAfter(range('2026-01-31', '2026-02-28'), anniversary('2026-01-31'))),
    ).toBe('2026-02-28 – 2026-03-31');
  });
});
