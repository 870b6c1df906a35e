import { MikroORM } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { openDatabase } from '@cascade/platform';
import { describeEachDatabase } from '@cascade/platform/testing';
import { meteringDatabase } from './metering-database';
import { TenantRepository } from './tenant.repository';
import { EdgeScope, UsageRecord, UsageRepository } from './usage.repository';
import { TenantRow } from './tenant.entity';

function tenant(id: string, parent: TenantRow | null): TenantRow {
  return {
    id,
    parentId: parent?.id ?? null,
    externalRef: `ext-${id}`,
    name: id,
    kind: 'CUSTOMER',
    currency: 'USD',
    status: 'ACTIVE',
    path: `${parent?.path ?? '/'}${id}/`,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    closedAt: null,
  };
}

function usage(eventId: string, path: string, quantity: string, at: string): UsageRecord {
  const ids = path.split('/').filter(Boolean);
  return {
    source: 'test',
    eventId,
    tenantId: ids[ids.length - 1],
    path,
    meterCode: 'm',
    quantity: new Dec(quantity),
    timestamp: new Date(at),
    resourceId: 'r1',
    properties: { user: 'u1' },
  };
}

describeEachDatabase('metering persistence', (db) => {
  let orm: MikroORM;
  let tenants: TenantRepository;
  let events: UsageRepository;

  beforeAll(async () => {
    orm = await openDatabase(meteringDatabase, db().env);
    tenants = new TenantRepository(orm);
    events = new UsageRepository(orm);
    const root = tenant('root', null);
    const a = tenant('a', root);
    for (const t of [root, a, tenant('b', root), tenant('a1', a)])
      await tenants.insert(tenants.em(), t);
  });

  afterAll(async () => {
    await orm.close();
    await db().drop(['metering']);
  });

  it('stores a usage fact once per (source, id) and says which were new', async () => {
    const rolledUp = new Set(['m']);
    const first = await events.insertNew(
      [
        usage('e1', '/root/a/a1/', '0.000000000000000001', '2026-10-01T00:00:00Z'),
        usage('e2', '/root/a/', '123456789012345678901234.5', '2026-10-02T00:00:00Z'),
      ],
      rolledUp,
    );
    const again = await events.insertNew(
      [
        usage('e1', '/root/a/a1/', '7', '2026-10-01T00:00:00Z'),
        usage('e3', '/root/b/', '2', '2026-10-03T00:00:00Z'),
      ],
      rolledUp,
    );
    expect([...first.inserted].sort()).toEqual(['test\u0000e1', 'test\u0000e2']);
    expect([...again.inserted]).toEqual(['test\u0000e3']);
    // The stored row of a key sent again comes back, for the caller to compare.
    expect(again.existing.map((r) => [r.event_id, String(r.quantity), Number(r.ts)])).toEqual([
      ['e1', '0.000000000000000001', Date.parse('2026-10-01T00:00:00Z')],
    ]);
  });

  const OCTOBER = [new Date('2026-10-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z')] as const;
  const edgeTotals = async (scope: EdgeScope = {}) =>
    (await events.edgeRollups(['m'], ...OCTOBER, scope, ['ancestor', 'child']))
      .map((r) => [
        `${r.ancestorId}→${r.childId}`,
        r.total.toFixed(),
        r.events.toFixed(),
        r.peak.toFixed(),
      ])
      .sort();

  it('keeps exact hourly rollups per edge of what was new, in the same write', async () => {
    expect(await edgeTotals()).toEqual([
      ['a1→a1', '0.000000000000000001', '1', '0.000000000000000001'],
      ['a→a', '123456789012345678901234.5', '1', '123456789012345678901234.5'],
      ['a→a1', '0.000000000000000001', '1', '0.000000000000000001'],
      ['b→b', '2', '1', '2'],
      ['root→a', '123456789012345678901234.500000000000000001', '2', '123456789012345678901234.5'],
      ['root→b', '2', '1', '2'],
    ]);
  });

  it('sums a subtree in SQL, exactly, by hour', async () => {
    const rows = await events.edgeRollups(['m'], ...OCTOBER, { ancestorId: 'root' }, ['hour']);
    expect(rows.map((r) => [new Date(r.hour).toISOString(), r.total.toFixed()]).sort()).toEqual([
      ['2026-10-01T00:00:00.000Z', '0.000000000000000001'],
      ['2026-10-02T00:00:00.000Z', '123456789012345678901234.5'],
      ['2026-10-03T00:00:00.000Z', '2'],
    ]);
  });

  it('reads quantities back exactly and selects a subtree by path segment', async () => {
    const rows = await events.select({
      meterCode: 'm',
      pathSegment: '/a/',
      before: new Date('2027-01-01T00:00:00Z'),
    });
    const byId = Object.fromEntries(rows.map((r) => [r.eventId, r.quantity.toFixed()]));
    expect(byId).toEqual({ e1: '0.000000000000000001', e2: '123456789012345678901234.5' });
    expect(rows.find((r) => r.eventId === 'e1')?.properties).toEqual({ user: 'u1' });
  });

  it('selects the edge root → a and a window by time', async () => {
    const rows = await events.select({
      meterCode: 'm',
      pathSegment: '/root/a/',
      from: new Date('2026-10-02T00:00:00Z'),
      before: new Date('2026-10-03T00:00:00Z'),
    });
    expect(rows.map((r) => r.eventId)).toEqual(['e2']);
  });

  it('re-paths facts from a move on, and the subtree of tenants with them', async () => {
    const em = tenants.em();
    await em.transactional(async (tx) => {
      await tenants.repathSubtree(tx, '/root/a/', '/root/b/a/');
      await events.repathSince(
        tx,
        {
          oldPath: '/root/a/',
          newPath: '/root/b/a/',
          effectiveAt: new Date('2026-10-02T00:00:00Z'),
        },
        ['m'],
      );
    });
    const moved = await events.select({
      meterCode: 'm',
      pathSegment: '/b/a/',
      before: new Date('2027-01-01T00:00:00Z'),
    });
    expect(moved.map((r) => [r.eventId, r.path])).toEqual([['e2', '/root/b/a/']]);
    const a1 = await tenants.findById(tenants.em(), 'a1');
    expect(a1?.path).toBe('/root/b/a/a1/');
    // e2 (a's own, after the move) leaves root→a for root→b and b→a; a1's e1 came before it.
    expect(await edgeTotals()).toEqual([
      ['a1→a1', '0.000000000000000001', '1', '0.000000000000000001'],
      ['a→a', '123456789012345678901234.5', '1', '123456789012345678901234.5'],
      ['a→a1', '0.000000000000000001', '1', '0.000000000000000001'],
      ['b→a', '123456789012345678901234.5', '1', '123456789012345678901234.5'],
      ['b→b', '2', '1', '2'],
      ['root→a', '0.000000000000000001', '1', '0.000000000000000001'],
      ['root→b', '123456789012345678901236.5', '2', '123456789012345678901234.5'],
    ]);
  });

  it('pages through children in id order', async () => {
    const first = await tenants.list(tenants.em(), { parentId: 'root' }, 1, '');
    const second = await tenants.list(tenants.em(), { parentId: 'root' }, 1, first.nextPageToken);
    expect([
      first.tenants.map((t) => t.id),
      first.nextPageToken,
      second.tenants.map((t) => t.id),
      second.nextPageToken,
    ]).toEqual([['a'], 'a', ['b'], '']);
  });

  it('counts every change to the tree in its revision', async () => {
    const before = await tenants.revision(tenants.em());
    await tenants.insert(tenants.em(), tenant('c', null));
    expect(await tenants.revision(tenants.em())).toBe(before + 1);
  });
});
