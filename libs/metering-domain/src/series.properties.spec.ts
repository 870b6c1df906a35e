import { Dec, formatDecimal, sum } from '@cascade/money';
import fc from 'fast-check';
import { aggregate } from './aggregate';
import type { Aggregation } from './aggregation';
import { series } from './buckets';
import { CENTI_HOUR, factOn, windowOn } from './testing/arbitraries';

const granularity = fc.constantFrom('HOUR' as const, 'DAY' as const, 'MONTH' as const);
const additive: Aggregation[] = ['SUM', 'COUNT', 'TIME_WEIGHTED'];

describe('series: buckets add up to the window total', () => {
  // 60 hours from 4 h before a month end, on a grid where hours are exact decimals.
  const grid = { ticks: 6000, tickMs: CENTI_HOUR };
  const facts = fc.array(factOn(grid, 100, ['r1', 'r2', 'r3']), { maxLength: 30 });

  it.each(additive)('%s buckets sum exactly to the total', (aggregation) => {
    fc.assert(
      fc.property(facts, windowOn(grid), granularity, (fs, window, g) => {
        const buckets = series(aggregation, fs, window, g);
        expect(formatDecimal(sum(buckets.map((b) => b.value)))).toBe(
          formatDecimal(aggregate(aggregation, fs, window)),
        );
      }),
    );
  });

  it('TIME_WEIGHTED buckets on any millisecond agree to the 60-digit precision of Dec', () => {
    // 1 ms is 1/3,600,000 h, which does not terminate: each bucket is rounded once.
    const anyMs = { ticks: 60 * 3_600_000, tickMs: 1 };
    const msFacts = fc.array(factOn(anyMs, 100, ['r1', 'r2']), { maxLength: 20 });
    fc.assert(
      fc.property(msFacts, windowOn(anyMs), granularity, (fs, window, g) => {
        const buckets = sum(series('TIME_WEIGHTED', fs, window, g).map((b) => b.value));
        const total = aggregate('TIME_WEIGHTED', fs, window);
        expect(buckets.minus(total).abs().lte(new Dec('1e-40'))).toBe(true);
      }),
    );
  });
});
