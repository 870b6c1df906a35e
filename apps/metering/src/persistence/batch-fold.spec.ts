import { MikroORM } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { openDatabase } from '@cascade/platform';
import { describeEachDatabase } from '@cascade/platform/testing';
import { meteringDatabase } from './metering-database';
import { UsageRecord, UsageRepository } from './usage.repository';

const HOUR = Date.parse('2026-10-05T10:00:00Z');

function usage(eventId: string, tenantId: string, quantity: string, ts: number): UsageRecord {
  return {
    source: 'fold',
    eventId,
    tenantId,
    path: `/p/r/${tenantId}/`,
    meterCode: 'm',
    quantity: new Dec(quantity),
    timestamp: new Date(ts),
    resourceId: 'vm',
    properties: {},
  };
}

/** Event i of a batch: quantities with 18 decimal places so any lost or doubled one shows. */
const quantityOf = (i: number) => `${i}.${String(i).padStart(18, '0')}`;

describeEachDatabase('one batch folded onto shared rollup rows', (db) => {
  let orm: MikroORM;
  let events: UsageRepository;

  beforeAll(async () => {
    orm = await openDatabase(meteringDatabase, db().env);
    events = new UsageRepository(orm);
  });

  afterAll(async () => {
    await orm.close();
    await db().drop(['metering']);
  });

  const rollups = async () =>
    (
      await events.edgeRollups(
        ['m'],
        new Date(HOUR - 3_600_000),
        new Date(HOUR + 2 * 3_600_000),
        {},
        ['ancestor', 'child', 'hour'],
      )
    )
      .map((r) => [
        `${r.ancestorId}→${r.childId} ${new Date(r.hour).toISOString().slice(11, 16)}`,
        r.total.toFixed(),
        r.events.toFixed(),
        r.peak.toFixed(),
      ])
      .sort();

  it('sums every event of a batch that lands on the same rows exactly once, hour by hour', async () => {
    // 1,000 events of c1 in one hour (the last at its final millisecond), two
    // of c2 at the hour's edges, and the same key sent twice in the batch.
    const batch = Array.from({ length: 1_000 }, (_, i) =>
      usage(`a-${i}`, 'c1', quantityOf(i + 1), HOUR + (i === 999 ? 3_599_999 : i * 1_000)),
    );
    batch.push(usage('b-0', 'c2', '0.5', HOUR - 1), usage('b-1', 'c2', '0.25', HOUR + 3_600_000));
    batch.push(usage('a-0', 'c1', quantityOf(1), HOUR));
    await events.insertNew(batch, new Set(['m']));
    // Σ i + Σ i·10⁻¹⁸ over 1…1000 = 500500 + 500500·10⁻¹⁸
    const c1 = ['500500.0000000000005005', '1000', '1000.000000000000001'];
    expect(await rollups()).toEqual([
      ['c1→c1 10:00', ...c1],
      ['c2→c2 09:00', '0.5', '1', '0.5'],
      ['c2→c2 11:00', '0.25', '1', '0.25'],
      ['p→r 09:00', '0.5', '1', '0.5'],
      ['p→r 10:00', ...c1],
      ['p→r 11:00', '0.25', '1', '0.25'],
      ['r→c1 10:00', ...c1],
      ['r→c2 09:00', '0.5', '1', '0.5'],
      ['r→c2 11:00', '0.25', '1', '0.25'],
    ]);
  });

  it('adds a second batch onto the stored rows and leaves out what was already stored', async () => {
    const again = [
      usage('a-5', 'c1', '99', HOUR), // stored already: neither counted nor the peak
      usage('a-1000', 'c1', '0.000000000000000001', HOUR + 5),
      usage('a-1001', 'c1', '2000', HOUR + 6),
    ];
    const outcome = await events.insertNew(again, new Set(['m']));
    expect([...outcome.inserted].sort()).toEqual(['fold\u0000a-1000', 'fold\u0000a-1001']);
    const c1 = ['502500.000000000000500501', '1002', '2000'];
    expect((await rollups()).filter(([key]) => key.endsWith('10:00'))).toEqual([
      ['c1→c1 10:00', ...c1],
      ['p→r 10:00', ...c1],
      ['r→c1 10:00', ...c1],
    ]);
  });

  it('folds what is pending onto the edges once: totals before, after and on top are the same', async () => {
    const before = await rollups();
    // Four (path, hour) rows are pending on PostgreSQL; SQLite upserted the edges as it ingested.
    expect(await events.foldPending()).toBe(db().name === 'postgres' ? 4 : 0);
    expect(await events.foldPending()).toBe(0);
    expect(await rollups()).toEqual(before);
    await events.insertNew([usage('a-1002', 'c1', '0.5', HOUR + 7)], new Set(['m']));
    const c1 = ['502500.500000000000500501', '1003', '2000'];
    expect((await rollups()).filter(([key]) => key.endsWith('10:00'))).toEqual([
      ['c1→c1 10:00', ...c1],
      ['p→r 10:00', ...c1],
      ['r→c1 10:00', ...c1],
    ]);
  });
});
