export { AGGREGATIONS, isAggregation } from './aggregation';
export type { AggregateOptions, Aggregation, UsageFact } from './aggregation';
export { aggregate, aggregator } from './aggregate';
export { bucketStarts, series } from './buckets';
export type { SeriesPoint } from './buckets';
export { nextStart, truncate } from './calendar';
export type { Granularity } from './calendar';
export { dedupeByEventId } from './dedupe';
export { MS_PER_HOUR } from './hours';
export { applyMove, parentAt } from './parent-history';
export type { MoveResult, ParentHistory, ParentPeriod } from './parent-history';
export { pathAt } from './path-at';
export { childOf, isAttributedVia, isInSubtree, validateMove } from './tenant-path';
export type { TenantPath } from './tenant-path';
export { contains, intersect } from './window';
export type { Window } from './window';
export {
  combine,
  foldedOne,
  HOUR_MS,
  hourOf,
  isHourAligned,
  partialSeries,
  partialValue,
  ROLLED_UP,
} from './rollup';
export type { Folded, HourlyPartial } from './rollup';
export { edgeRollupOf, edgesAbove } from './edge-rollup';
export type { EdgePartial } from './edge-rollup';
export { conflictReason, differingFields } from './conflict';
export type { EventPayload } from './conflict';
export { repathSegments } from './repath-segments';
export type { RepathSegment } from './repath-segments';
