import { Dec } from '@cascade/money';
import { PlanSpan } from '../plan-span';
import { TimeRange } from '../time-range';

/** A UTC instant from an ISO date or date-time, so tests read like the examples they copy. */
export function utc(iso: string): Date {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`bad test date ${iso}`);
  return date;
}

export function range(start: string, end: string): TimeRange {
  return { start: utc(start), end: utc(end) };
}

export function span(
  planId: string,
  version: number,
  fee: string,
  from: string,
  to: string,
): PlanSpan {
  return { planId, version, subscriptionFee: new Dec(fee), from: utc(from), to: utc(to) };
}
