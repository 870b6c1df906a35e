import { Dec, sum, ZERO } from '@cascade/money';
import type { UsageFact } from './aggregation';
import { compareChronologically } from './compare';
import { millisBetween, MS_PER_HOUR } from './hours';
import type { Window } from './window';

/** One resource's gauge: its facts in the order they take effect. */
type Gauge = readonly UsageFact[];

/**
 * Groups and sorts once so that many windows (a series) can be integrated over
 * the same facts. Takes deduplicated facts, including those before any window:
 * they set the gauge's value at the window's start.
 */
export function timeWeighted(facts: readonly UsageFact[]): (window: Window) => Dec {
  const gauges = gaugesOf(facts);
  // Integrate in value × ms (exact) and divide once, so the result is the one
  // correctly rounded quotient whatever the order of resources or segments.
  return (window) => sum(gauges.map((g) => valueMillis(g, window))).div(MS_PER_HOUR);
}

function gaugesOf(facts: readonly UsageFact[]): Gauge[] {
  const byResource = new Map<string, UsageFact[]>();
  for (const fact of facts) {
    const gauge = byResource.get(fact.resourceId);
    if (gauge === undefined) byResource.set(fact.resourceId, [fact]);
    else gauge.push(fact);
  }
  return [...byResource.values()].map((gauge) => gauge.sort(compareChronologically));
}

function valueMillis(gauge: Gauge, window: Window): Dec {
  let value = ZERO;
  let since = window.from;
  let total = ZERO;
  for (const fact of gauge) {
    if (fact.timestamp.getTime() >= window.to.getTime()) break;
    if (fact.timestamp.getTime() > since.getTime()) {
      total = total.plus(value.times(millisBetween(since, fact.timestamp)));
      since = fact.timestamp;
    }
    value = fact.quantity;
  }
  // A gauge nobody closed keeps accruing up to the end of the window.
  return total.plus(value.times(millisBetween(since, window.to)));
}
