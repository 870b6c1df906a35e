import { formatDecimal } from '@cascade/money';
import fc from 'fast-check';
import { aggregate } from './aggregate';
import { AGGREGATIONS } from './aggregation';
import { factOn, MINUTE, reordered, windowOn } from './testing/arbitraries';

const grid = { ticks: 600, tickMs: MINUTE };
// Few ids and resources, so that duplicates, conflicting ids and shared gauges all occur.
const facts = fc.array(factOn(grid, 20, ['r1', 'r2']), { maxLength: 30 });

describe('aggregate: order and duplication never matter', () => {
  it.each(AGGREGATIONS)('%s is identical for shuffled and duplicated facts', (aggregation) => {
    fc.assert(
      fc.property(
        facts.chain((fs) => fc.tuple(fc.constant(fs), reordered(fs))),
        windowOn(grid),
        ([original, shuffled], window) => {
          const of = (fs: typeof original) =>
            formatDecimal(aggregate(aggregation, fs, window, { property: 'user' }));
          expect(of(shuffled)).toBe(of(original));
        },
      ),
    );
  });
});
