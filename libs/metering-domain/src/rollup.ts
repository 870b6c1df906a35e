import { Dec, ZERO } from '@cascade/money';
import { Aggregation } from './aggregation';
import { bucketStarts, SeriesPoint } from './buckets';
import { Granularity, truncate } from './calendar';

export const HOUR_MS = 3_600_000;

/** Aggregations whose hourly partials combine exactly into any hour-aligned window. */
export const ROLLED_UP: ReadonlySet<Aggregation> = new Set<Aggregation>(['SUM', 'COUNT', 'MAX']);

/** Facts folded: their sum, how many, and the largest quantity. */
export interface Folded {
  total: Dec;
  events: Dec;
  peak: Dec;
}

/** The facts of some scope within one hour, folded. */
export interface HourlyPartial extends Folded {
  /** Start of the hour, epoch milliseconds. */
  hour: number;
}

export function hourOf(ms: number): number {
  return ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

export function isHourAligned(date: Date): boolean {
  return hourOf(date.getTime()) === date.getTime();
}

export function combine<T extends Folded>(a: T, b: Folded): T {
  return {
    ...a,
    total: a.total.plus(b.total),
    events: a.events.plus(b.events),
    peak: Dec.max(a.peak, b.peak),
  };
}

/** One fact, folded alone. */
export function foldedOne(quantity: Dec): Folded {
  return { total: quantity, events: new Dec(1), peak: quantity };
}

/** SUM, COUNT or MAX of the facts behind a set of partials. */
export function partialValue(aggregation: Aggregation, partials: readonly Folded[]): Dec {
  switch (aggregation) {
    case 'SUM':
      return partials.reduce((acc, p) => acc.plus(p.total), ZERO);
    case 'COUNT':
      return partials.reduce((acc, p) => acc.plus(p.events), ZERO);
    case 'MAX':
      return partials.length === 0
        ? ZERO
        : partials.reduce((acc, p) => Dec.max(acc, p.peak), partials[0].peak);
    default:
      throw new RangeError(`${aggregation} is not combined from hourly partials`);
  }
}

/** A calendar series from hourly partials: each hour falls wholly inside one bucket. */
export function partialSeries(
  aggregation: Aggregation,
  partials: readonly HourlyPartial[],
  window: { from: Date; to: Date },
  granularity: Granularity,
): SeriesPoint[] {
  const byBucket = new Map<number, HourlyPartial[]>();
  for (const p of partials) {
    const bucket = truncate(new Date(p.hour), granularity).getTime();
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), p]);
  }
  return bucketStarts(window.from, window.to, granularity).map((start) => ({
    start,
    value: partialValue(aggregation, byBucket.get(start.getTime()) ?? []),
  }));
}
