import type { UsageFact } from './aggregation';

/**
 * Code-unit order, never localeCompare: results must not depend on the locale
 * of the machine that computes them.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order in which facts take effect. Equal timestamps are broken by eventId
 * so that "the latest" is a property of the facts, not of their arrival order.
 */
export function compareChronologically(a: UsageFact, b: UsageFact): number {
  return a.timestamp.getTime() - b.timestamp.getTime() || compareStrings(a.eventId, b.eventId);
}
