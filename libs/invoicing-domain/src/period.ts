import { assertValidDate, assertValidRange, TimeRange } from './time-range';

export type Interval = 'MONTHLY' | 'YEARLY';

/**
 * CALENDAR periods start on the 1st of the month (or January 1st) at 00:00 UTC.
 * ANNIVERSARY periods repeat the start's day of month (and month, for YEARLY) and its
 * time of day, so consecutive periods always touch and every instant is in exactly one.
 */
export type Anchor = { kind: 'CALENDAR' } | { kind: 'ANNIVERSARY'; start: Date };

/** A billing period: half-open, UTC. */
export type Period = TimeRange;

const MONTHS_PER_INTERVAL: Readonly<Record<Interval, number>> = { MONTHLY: 1, YEARLY: 12 };

// Any first of January at midnight works: calendar periods are anniversaries of it.
const CALENDAR_ORIGIN = new Date(Date.UTC(2000, 0, 1));

export function periodContaining(instant: Date, interval: Interval, anchor: Anchor): Period {
  assertValidDate(instant, 'instant');
  const origin = anchorOrigin(anchor);
  const step = MONTHS_PER_INTERVAL[interval];
  const monthsApart =
    (instant.getUTCFullYear() - origin.getUTCFullYear()) * 12 +
    (instant.getUTCMonth() - origin.getUTCMonth());
  // The month count is a guess within one interval: the day and time of day settle it.
  let k = Math.floor(monthsApart / step);
  while (addMonthsClamped(origin, k * step) > instant) k -= 1;
  while (addMonthsClamped(origin, (k + 1) * step) <= instant) k += 1;
  return {
    start: addMonthsClamped(origin, k * step),
    end: addMonthsClamped(origin, (k + 1) * step),
  };
}

export function nextPeriod(period: Period, interval: Interval, anchor: Anchor): Period {
  assertIsPeriod(period, interval, anchor);
  return periodContaining(period.end, interval, anchor);
}

export function previousPeriod(period: Period, interval: Interval, anchor: Anchor): Period {
  assertIsPeriod(period, interval, anchor);
  return periodContaining(new Date(period.start.getTime() - 1), interval, anchor);
}

function anchorOrigin(anchor: Anchor): Date {
  switch (anchor.kind) {
    case 'CALENDAR':
      return CALENDAR_ORIGIN;
    case 'ANNIVERSARY':
      assertValidDate(anchor.start, 'anniversary anchor');
      return anchor.start;
    default:
      throw new RangeError(`unknown anchor ${JSON.stringify(anchor)}`);
  }
}

// A range that is not one of the schedule's periods would silently shift every later one.
function assertIsPeriod(period: Period, interval: Interval, anchor: Anchor): void {
  assertValidRange(period, 'period');
  const expected = periodContaining(period.start, interval, anchor);
  if (+expected.start !== +period.start || +expected.end !== +period.end) {
    throw new RangeError(
      `${period.start.toISOString()} – ${period.end.toISOString()} is not a ${interval} period of this anchor`,
    );
  }
}

/**
 * Counts months from the origin, not from the previous boundary, so that a day-31 anchor
 * clamps to the month's last day and then comes back (Jan 31 → Feb 28 → Mar 31).
 */
function addMonthsClamped(origin: Date, months: number): Date {
  const monthIndex = origin.getUTCMonth() + months;
  const year = origin.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(origin.getUTCDate(), lastDay),
      origin.getUTCHours(),
      origin.getUTCMinutes(),
      origin.getUTCSeconds(),
      origin.getUTCMilliseconds(),
    ),
  );
}
