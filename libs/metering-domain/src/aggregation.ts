import type { Dec } from '@cascade/money';

export const AGGREGATIONS = [
  'SUM',
  'COUNT',
  'MAX',
  'UNIQUE_COUNT',
  'LATEST',
  'TIME_WEIGHTED',
] as const;

export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * One recorded usage event as the domain sees it. For TIME_WEIGHTED meters
 * `quantity` is the gauge's new value for `resourceId` from `timestamp` on.
 */
export type UsageFact = {
  readonly eventId: string;
  readonly quantity: Dec;
  readonly timestamp: Date;
  readonly resourceId: string;
  readonly properties: Readonly<Record<string, string>>;
};

export type AggregateOptions = {
  /** The event property UNIQUE_COUNT counts distinct values of. */
  readonly property?: string;
};

export function isAggregation(value: string): value is Aggregation {
  return (AGGREGATIONS as readonly string[]).includes(value);
}
