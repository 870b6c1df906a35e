import type { Dec } from '@cascade/money';
import type { AggregateOptions, Aggregation, UsageFact } from './aggregation';
import { dedupeByEventId } from './dedupe';
import { countOf, latestOf, maxOf, sumOf, uniqueCountOf } from './point-aggregations';
import { timeWeighted } from './time-weighted';
import { assertWindow, contains, type Window } from './window';

/** The aggregate of a meter's facts over the half-open window [from, to). */
export function aggregate(
  aggregation: Aggregation,
  facts: readonly UsageFact[],
  window: Window,
  options: AggregateOptions = {},
): Dec {
  return aggregator(aggregation, facts, options)(window);
}

/**
 * Deduplicates and prepares the facts once, then answers for any window: the
 * same preparation serves every bucket of a series.
 */
export function aggregator(
  aggregation: Aggregation,
  facts: readonly UsageFact[],
  options: AggregateOptions = {},
): (window: Window) => Dec {
  const distinct = dedupeByEventId(facts);
  const pointwise = (of: (inWindow: UsageFact[]) => Dec) => (window: Window) => {
    assertWindow(window);
    return of(distinct.filter((f) => contains(window, f.timestamp)));
  };
  switch (aggregation) {
    case 'SUM':
      return pointwise(sumOf);
    case 'COUNT':
      return pointwise(countOf);
    case 'MAX':
      return pointwise(maxOf);
    case 'UNIQUE_COUNT': {
      const property = requireProperty(options);
      return pointwise((inWindow) => uniqueCountOf(inWindow, property));
    }
    case 'LATEST':
      return pointwise(latestOf);
    case 'TIME_WEIGHTED': {
      const integrate = timeWeighted(distinct);
      return (window) => {
        assertWindow(window);
        return integrate(window);
      };
    }
    default:
      return unknownAggregation(aggregation);
  }
}

function requireProperty(options: AggregateOptions): string {
  if (options.property === undefined || options.property === '')
    throw new RangeError('UNIQUE_COUNT needs the property whose distinct values it counts');
  return options.property;
}

// Typed `never` so adding an aggregation without handling it fails to compile;
// the throw covers callers that bypass the type (strings off the wire).
function unknownAggregation(aggregation: never): never {
  throw new RangeError(`unknown aggregation ${JSON.stringify(aggregation)}`);
}
