/** A half-open interval of instants [start, end), in UTC. */
export interface TimeRange {
  readonly start: Date;
  readonly end: Date;
}

export function assertValidDate(date: Date, what: string): void {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a valid date`);
}

/** Throws on invalid dates or an end before the start; an empty range is allowed. */
export function assertValidRange(range: TimeRange, what: string): void {
  assertValidDate(range.start, `${what} start`);
  assertValidDate(range.end, `${what} end`);
  if (range.end < range.start) {
    throw new RangeError(
      `${what} ends before it starts: ${range.start.toISOString()} – ${range.end.toISOString()}`,
    );
  }
}

export function durationMs(range: TimeRange): number {
  return range.end.getTime() - range.start.getTime();
}

/** The common part of two ranges, or null when they share no instant. */
export function intersect(a: TimeRange, b: TimeRange): TimeRange | null {
  const start = Math.max(a.start.getTime(), b.start.getTime());
  const end = Math.min(a.end.getTime(), b.end.getTime());
  return end > start ? { start: new Date(start), end: new Date(end) } : null;
}

/** The parts of `range` that none of `others` covers, in time order. */
export function subtractRanges(range: TimeRange, others: readonly TimeRange[]): TimeRange[] {
  const cuts = others
    .map((other) => intersect(range, other))
    .filter((cut): cut is TimeRange => cut !== null)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const gaps: TimeRange[] = [];
  let cursor = range.start.getTime();
  for (const cut of cuts) {
    if (cut.start.getTime() > cursor) gaps.push({ start: new Date(cursor), end: cut.start });
    cursor = Math.max(cursor, cut.end.getTime());
  }
  if (cursor < range.end.getTime()) gaps.push({ start: new Date(cursor), end: range.end });
  return gaps;
}
