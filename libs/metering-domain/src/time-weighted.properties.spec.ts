import { Dec, formatDecimal, sum } from '@cascade/money';
import fc from 'fast-check';
import { aggregate } from './aggregate';
import type { UsageFact } from './aggregation';
import { factOn, MINUTE, ORIGIN, windowOn } from './testing/arbitraries';
import type { Window } from './window';

const grid = { ticks: 600, tickMs: MINUTE };
const minuteOf = (d: Date) => (d.getTime() - ORIGIN) / MINUTE;

/** Samples every gauge at the start of each minute: value-minutes / 60 = value-hours. */
function minuteByMinute(facts: readonly UsageFact[], window: Window): Dec {
  const resources = [...new Set(facts.map((f) => f.resourceId))];
  const samples: Dec[] = [];
  for (let m = minuteOf(window.from); m < minuteOf(window.to); m++) {
    for (const resource of resources) {
      const applied = facts
        .filter((f) => f.resourceId === resource && minuteOf(f.timestamp) <= m)
        .sort(
          (a, b) =>
            minuteOf(a.timestamp) - minuteOf(b.timestamp) || (a.eventId < b.eventId ? -1 : 1),
        );
      const current = applied.at(-1);
      if (current !== undefined) samples.push(current.quantity);
    }
  }
  return sum(samples).div(60);
}

describe('TIME_WEIGHTED: equals a minute-by-minute reference', () => {
  it('across window boundaries, with gauges opened before the window', () => {
    const facts = fc.uniqueArray(factOn(grid, 1000, ['r1', 'r2', 'r3']), {
      maxLength: 25,
      selector: (f) => f.eventId,
    });
    fc.assert(
      fc.property(facts, windowOn(grid), (fs, window) => {
        expect(formatDecimal(aggregate('TIME_WEIGHTED', fs, window))).toBe(
          formatDecimal(minuteByMinute(fs, window)),
        );
      }),
    );
  });
});
