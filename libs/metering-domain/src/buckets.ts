import type { Dec } from '@cascade/money';
import { aggregator } from './aggregate';
import type { AggregateOptions, Aggregation, UsageFact } from './aggregation';
import { nextStart, truncate, type Granularity } from './calendar';
import { assertWindow, intersect, type Window } from './window';

export type SeriesPoint = { readonly start: Date; readonly value: Dec };

/**
 * UTC calendar-aligned starts of the buckets that overlap [from, to); the
 * first is `from` truncated, so it may begin before `from`. An empty window
 * has no buckets.
 */
export function bucketStarts(from: Date, to: Date, granularity: Granularity): Date[] {
  assertWindow({ from, to });
  const starts: Date[] = [];
  if (from.getTime() === to.getTime()) return starts;
  for (
    let start = truncate(from, granularity);
    start.getTime() < to.getTime();
    start = nextStart(start, granularity)
  )
    starts.push(start);
  return starts;
}

/**
 * Per-bucket aggregates. Each bucket covers only its part of the window, so
 * for SUM, COUNT and TIME_WEIGHTED the values add up to the window's total.
 */
export function series(
  aggregation: Aggregation,
  facts: readonly UsageFact[],
  window: Window,
  granularity: Granularity,
  options: AggregateOptions = {},
): SeriesPoint[] {
  const of = aggregator(aggregation, facts, options);
  return bucketStarts(window.from, window.to, granularity).map((start) => ({
    start,
    value: of(intersect(window, { from: start, to: nextStart(start, granularity) })),
  }));
}
