import type { UsageFact } from './aggregation';
import { compareStrings } from './compare';

/**
 * Keeps one fact per eventId. Ingestion already accepts an id once; if two
 * different facts still share an id here, the winner must not depend on input
 * order, so the canonically smallest one is kept rather than the first seen.
 */
export function dedupeByEventId(facts: readonly UsageFact[]): UsageFact[] {
  const kept = new Map<string, UsageFact>();
  for (const fact of facts) {
    const current = kept.get(fact.eventId);
    if (current === undefined || compareCanonically(fact, current) < 0)
      kept.set(fact.eventId, fact);
  }
  return [...kept.values()];
}

function compareCanonically(a: UsageFact, b: UsageFact): number {
  return (
    a.timestamp.getTime() - b.timestamp.getTime() ||
    a.quantity.cmp(b.quantity) ||
    compareStrings(a.resourceId, b.resourceId) ||
    compareStrings(canonicalProperties(a), canonicalProperties(b))
  );
}

function canonicalProperties(fact: UsageFact): string {
  return JSON.stringify(Object.entries(fact.properties).sort(([x], [y]) => compareStrings(x, y)));
}
