// Test-only fast-check generators; not exported from the library.
import { parseDecimal } from '@cascade/money';
import fc from 'fast-check';
import type { UsageFact } from '../aggregation';
import type { Window } from '../window';

/** Four hours before a day, month and quarter boundary, so random windows cross them. */
export const ORIGIN = Date.UTC(2026, 2, 31, 20, 0, 0);

export const MINUTE = 60_000;
/** 36 s is 0.01 h: on this grid every duration is a terminating decimal of hours. */
export const CENTI_HOUR = 36_000;

export const tickAt = (tick: number, tickMs: number) => new Date(ORIGIN + tick * tickMs);

/** Gauge-like quantities: small, often zero, with a few decimals. */
export const quantity = fc
  .oneof(
    fc.constant('0'),
    fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('', '.5', '.25', '.125'))
      .map(([units, fraction]) => `${units}${fraction}`),
  )
  .map(parseDecimal);

export type Grid = { ticks: number; tickMs: number };

export function factOn(grid: Grid, eventIds: number, resources: readonly string[]) {
  return fc
    .record({
      id: fc.nat(eventIds),
      tick: fc.integer({ min: 0, max: grid.ticks }),
      quantity,
      resourceId: fc.constantFrom(...resources),
      user: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }),
    })
    .map(({ id, tick, quantity, resourceId, user }): UsageFact => ({
      eventId: `e${id}`,
      quantity,
      timestamp: tickAt(tick, grid.tickMs),
      resourceId,
      properties: user === undefined ? {} : { user },
    }));
}

/** A window on the grid that may start before and end after all the facts. */
export function windowOn(grid: Grid): fc.Arbitrary<Window> {
  const pad = Math.ceil(grid.ticks / 10);
  const tick = fc.integer({ min: -pad, max: grid.ticks + pad });
  return fc.tuple(tick, tick).map(([a, b]) => ({
    from: tickAt(Math.min(a, b), grid.tickMs),
    to: tickAt(Math.max(a, b), grid.tickMs),
  }));
}

/** The same facts shuffled, some of them repeated as separate but equal objects. */
export function reordered(facts: readonly UsageFact[]): fc.Arbitrary<UsageFact[]> {
  return fc.subarray([...facts]).chain((repeats) =>
    fc.shuffledSubarray([...facts, ...repeats.map((f) => ({ ...f }))], {
      minLength: facts.length + repeats.length,
    }),
  );
}
