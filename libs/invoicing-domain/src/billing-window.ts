import { Anchor, nextPeriod, periodContaining, Period } from './period';
import { TimeRange } from './time-range';

const CALENDAR: Anchor = { kind: 'CALENDAR' };

/** Whether the window is exactly one calendar month, UTC. */
export function isCalendarMonth(window: TimeRange): boolean {
  if (Number.isNaN(window.start.getTime())) return false;
  const month = periodContaining(window.start, 'MONTHLY', CALENDAR);
  return +month.start === +window.start && +month.end === +window.end;
}

/**
 * The billing period an edge is billed for by the run over `window` (a calendar
 * month): the window itself on the calendar anchor; on an anniversary anchor, the
 * anniversary period that ends inside the window, (start, end] — so each monthly run
 * bills every period that ended during its month, exactly once.
 */
export function duePeriod(window: TimeRange, anchor: Anchor): Period {
  if (anchor.kind === 'CALENDAR') return { start: window.start, end: window.end };
  const last = periodContaining(new Date(window.end.getTime() - 1), 'MONTHLY', anchor);
  if (+last.end === +window.end) return last;
  return periodContaining(new Date(last.start.getTime() - 1), 'MONTHLY', anchor);
}

/** The period after `period` on the same monthly schedule: what an invoice bills in advance. */
export function periodAfter(period: Period, anchor: Anchor): Period {
  return nextPeriod(period, 'MONTHLY', anchor);
}
