import { Dec, sum, ZERO } from '@cascade/money';
import type { UsageFact } from './aggregation';
import { compareChronologically } from './compare';

// Each takes facts already deduplicated and restricted to the window.

export function sumOf(facts: readonly UsageFact[]): Dec {
  return sum(facts.map((f) => f.quantity));
}

export function countOf(facts: readonly UsageFact[]): Dec {
  return new Dec(facts.length);
}

/** 0 for no facts: an idle period is billed as nothing, not as an error. */
export function maxOf(facts: readonly UsageFact[]): Dec {
  if (facts.length === 0) return ZERO;
  return Dec.max(...facts.map((f) => f.quantity));
}

/** Facts without the property carry no value to count, so they are left out. */
export function uniqueCountOf(facts: readonly UsageFact[], property: string): Dec {
  const values = new Set<string>();
  for (const fact of facts) {
    if (Object.prototype.hasOwnProperty.call(fact.properties, property))
      values.add(fact.properties[property]);
  }
  return new Dec(values.size);
}

export function latestOf(facts: readonly UsageFact[]): Dec {
  let latest: UsageFact | undefined;
  for (const fact of facts) {
    if (latest === undefined || compareChronologically(fact, latest) > 0) latest = fact;
  }
  return latest?.quantity ?? ZERO;
}
