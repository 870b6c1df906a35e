/** A billing month in UTC: [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/** "2026-10" → October 2026 in UTC; undefined for anything else. */
export function monthPeriod(month: string): Period | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return undefined;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

/** Whether the period is over (billed for real); one that is not can only be previewed. */
export function hasEnded(period: Period, now = new Date()): boolean {
  return period.end.getTime() <= now.getTime();
}

/** The month before the one `now` is in, as "YYYY-MM": the last closed period. */
export function lastMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function day(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '—';
}

export function instant(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}
