/** A buyer's plan from `effectiveFrom` until its next assignment. */
export interface PlanAssignment {
  planId: string;
  effectiveFrom: Date;
}

/** A plan version in force from `effectiveFrom` until the plan's next version. */
export interface PlanVersionRef {
  planId: string;
  version: number;
  effectiveFrom: Date;
}

/** Half-open: [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/** One stretch of the period rated with one plan version, half-open [from, to). */
export interface PlanSpan {
  planId: string;
  version: number;
  from: Date;
  to: Date;
}

interface Piece<T> {
  item: T;
  from: number;
  to: number;
}

/**
 * Splits a period at every re-assignment and every new version of the plan
 * in force. Parts with no assignment are left out; an assigned part with no
 * version in force throws, because it would otherwise go unbilled silently.
 */
export function planTimeline(
  assignments: readonly PlanAssignment[],
  versions: readonly PlanVersionRef[],
  period: Period,
): PlanSpan[] {
  const start = period.start.getTime();
  const end = period.end.getTime();
  if (end < start) throw new RangeError('period end is before its start');
  const spans: PlanSpan[] = [];
  for (const assigned of pieces(assignments, start, end)) {
    for (const span of versionSpans(assigned, versions)) appendMerging(spans, span);
  }
  return spans;
}

function versionSpans(assigned: Piece<PlanAssignment>, versions: readonly PlanVersionRef[]) {
  const { planId } = assigned.item;
  const own = versions.filter((v) => v.planId === planId);
  const inForce = pieces(own, assigned.from, assigned.to);
  if (inForce[0]?.from !== assigned.from) {
    const at = new Date(assigned.from).toISOString();
    throw new RangeError(`plan ${planId} has no version in force at ${at}`);
  }
  return inForce.map(({ item, from, to }) => ({
    planId,
    version: item.version,
    from: new Date(from),
    to: new Date(to),
  }));
}

/**
 * Each item holds from its effectiveFrom until the next item's, clipped to
 * [start, end). Items sharing an instant leave only the last (highest version,
 * or last given) since the others shrink to nothing.
 */
function pieces<T extends { effectiveFrom: Date; version?: number }>(
  items: readonly T[],
  start: number,
  end: number,
): Piece<T>[] {
  const ordered = [...items].sort(
    (a, b) =>
      a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || (a.version ?? 0) - (b.version ?? 0),
  );
  return ordered.flatMap((item, i) => {
    const next = ordered[i + 1];
    const from = Math.max(item.effectiveFrom.getTime(), start);
    const to = Math.min(next === undefined ? end : next.effectiveFrom.getTime(), end);
    return from < to ? [{ item, from, to }] : [];
  });
}

/** Re-assigning the plan already in force changes nothing, so tiers keep counting across it. */
function appendMerging(spans: PlanSpan[], span: PlanSpan): void {
  const last = spans[spans.length - 1];
  const continues =
    last !== undefined &&
    last.planId === span.planId &&
    last.version === span.version &&
    last.to.getTime() === span.from.getTime();
  if (continues) last.to = span.to;
  else spans.push(span);
}
