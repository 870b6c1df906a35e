import { periodContaining } from './period';
import { TimeRange } from './time-range';

const CALENDAR = { kind: 'CALENDAR' } as const;

/** A non-preview billing run of a calendar month, as the scheduler needs to know it. */
export interface ScheduledRunRecord {
  window: TimeRange;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SUPERSEDED';
  startedAt: Date;
  /** Its last progress report: a RUNNING run silent for too long is dead. */
  progressAt: Date;
}

/** A non-preview draft. */
export interface ScheduledDraft {
  id: string;
  periodEnd: Date;
}

export interface ScheduleInput {
  now: Date;
  runs: readonly ScheduledRunRecord[];
  drafts: readonly ScheduledDraft[];
  /** How long after its period's end a draft stays open (ms). */
  graceMs: number;
  /** A RUNNING run that has not reported for this long has stopped (ms). */
  stalledAfterMs: number;
}

export interface ScheduleDecision {
  /** Calendar months to bill, in this order; a failure stops the rest until the next tick. */
  runs: TimeRange[];
  /** Drafts to finalize. */
  finalize: string[];
  /** Months a live run (another caller's) is billing: waited for. */
  waiting: TimeRange[];
}

/**
 * One tick of the billing scheduler, decided from the runs and drafts alone (so every
 * replica decides the same, and a tick that changed nothing decides nothing again):
 *
 * - every calendar month that ended after the latest month billed (a SUCCEEDED run) is
 *   billed, oldest first; with no month ever billed, only the last ended one (earlier
 *   months are the operator's to bill by hand);
 * - before the first of them, the latest billed month is billed again once, so that
 *   usage that came late for it is recorded and becomes adjustments on the new month's
 *   invoices (a re-run only rewrites what changed);
 * - a draft is finalized once its period ended `grace` ago, its month (the one its
 *   period ends in, whose run billed it) has a SUCCEEDED run, and no run of the month
 *   is going on or about to start.
 *
 * A month with a live RUNNING run is left to it: nothing of it or after it starts.
 */
export function scheduleTick(input: ScheduleInput): ScheduleDecision {
  const { now } = input;
  const lastEnded = monthContaining(new Date(monthContaining(now).start.getTime() - 1));
  const succeeded = input.runs.filter((r) => r.status === 'SUCCEEDED');
  const live = input.runs.filter(
    (r) => r.status === 'RUNNING' && now.getTime() - r.progressAt.getTime() < input.stalledAfterMs,
  );
  const latestBilled = latest(succeeded.map((r) => r.window));

  const due: TimeRange[] = [];
  if (!latestBilled) due.push(lastEnded);
  else if (latestBilled.start.getTime() < lastEnded.start.getTime()) {
    const firstNew = monthAfter(latestBilled);
    const rebilled = succeeded.some(
      (r) => sameMonth(r.window, latestBilled) && r.startedAt.getTime() >= firstNew.end.getTime(),
    );
    if (!rebilled) due.push(latestBilled);
    for (let m = firstNew; m.start.getTime() <= lastEnded.start.getTime(); m = monthAfter(m))
      due.push(m);
  }

  const busy = (month: TimeRange) => live.some((r) => sameMonth(r.window, month));
  const firstBusy = due.findIndex(busy);
  const runs = firstBusy === -1 ? due : due.slice(0, firstBusy);
  const waiting = firstBusy === -1 ? [] : [due[firstBusy]];

  const billedMonths = new Set(succeeded.map((r) => r.window.start.getTime()));
  const untouchable = new Set([...due, ...live.map((r) => r.window)].map((m) => m.start.getTime()));
  const finalize = input.drafts
    .filter((d) => d.periodEnd.getTime() + input.graceMs <= now.getTime())
    .filter((d) => {
      const month = monthContaining(new Date(d.periodEnd.getTime() - 1)).start.getTime();
      return billedMonths.has(month) && !untouchable.has(month);
    })
    .map((d) => d.id);
  return { runs, finalize, waiting };
}

function monthContaining(instant: Date): TimeRange {
  return periodContaining(instant, 'MONTHLY', CALENDAR);
}

function monthAfter(month: TimeRange): TimeRange {
  return monthContaining(month.end);
}

function sameMonth(a: TimeRange, b: TimeRange): boolean {
  return a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}

function latest(months: readonly TimeRange[]): TimeRange | undefined {
  let found: TimeRange | undefined;
  for (const m of months) if (!found || m.start.getTime() > found.start.getTime()) found = m;
  return found;
}
