import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { AbstractSqlConnection } from '@mikro-orm/knex';
import { isPostgres } from '@cascade/platform';
import { insertUsageRows, StoredPayloadRow, UsageRowValues } from './bulk-insert';
import { CommitOrder, CommitTurn } from './commit-order';
import { EdgePartial, edgesAbove, HOUR_MS } from '@cascade/metering-domain';
import { Dec } from '@cascade/money';
import { likeContaining, likePrefix } from '../tenants/tenant-path';
import { decimalSql } from './decimal-sql';
import { edgesOf, FOLD_LIMIT, foldPendingWithin } from './pending-rollup';

export interface UsageRecord {
  source: string;
  eventId: string;
  tenantId: string;
  path: string;
  meterCode: string;
  quantity: Dec;
  timestamp: Date;
  resourceId: string;
  properties: Record<string, string>;
}

export interface StoredUsage {
  source: string;
  eventId: string;
  tenantId: string;
  path: string;
  quantity: Dec;
  timestamp: Date;
  resourceId: string;
  properties: Record<string, string>;
}

export type StoredGauge = StoredUsage & { meterCode: string };

export interface UsageSelection {
  meterCode: string;
  /** Only facts whose path starts with this prefix (a tenant's subtree) … */
  pathPrefix?: string;
  /** … or contain this segment (an edge "/parent/tenant/"). */
  pathSegment?: string;
  tenantId?: string;
  /** Facts before this instant; `from` is applied by the aggregation (gauges need earlier facts). */
  before: Date;
  from?: Date;
}

/** Which edge rollups a read takes: below an ancestor, one edge, or only edges (no own use). */
export interface EdgeScope {
  ancestorId?: string;
  childId?: string;
  edgesOnly?: boolean;
}

/** Keys an edge-rollup read is grouped by, besides the meter. */
export type EdgeKey = 'ancestor' | 'child' | 'hour';
const EDGE_COLUMNS: Record<EdgeKey, string> = {
  ancestor: 'ancestor_id',
  child: 'child_id',
  hour: 'hour',
};

interface EdgeRollupRow {
  meter_code: string;
  ancestor_id?: string;
  child_id?: string;
  hour?: string | number;
  total: string;
  events: string | number;
  peak: string;
}

function toValues(r: UsageRecord, now: number): UsageRowValues {
  return [
    r.source,
    r.eventId,
    r.tenantId,
    r.path,
    r.meterCode,
    r.quantity.toFixed(),
    r.timestamp.getTime(),
    r.resourceId,
    JSON.stringify(r.properties),
    now,
  ];
}

interface UsageRow {
  source: string;
  event_id: string;
  tenant_id: string;
  path: string;
  quantity: string;
  ts: string | number;
  resource_id: string;
  properties: string;
}

function fromRow(row: UsageRow): StoredUsage {
  return {
    source: row.source,
    eventId: row.event_id,
    tenantId: row.tenant_id,
    path: row.path,
    quantity: new Dec(row.quantity),
    timestamp: new Date(Number(row.ts)),
    resourceId: row.resource_id,
    properties: JSON.parse(row.properties) as Record<string, string>,
  };
}

@Injectable()
export class UsageRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /**
   * Inserts what is new; a (source, event_id) already stored is skipped by the
   * database itself, so concurrent replicas never double count. Returns the keys
   * inserted and the stored rows of the keys that were already there. The
   * whole batch (at most MAX_BATCH events, checked at the boundary) is one
   * transaction; `turn` places it among a stream's transactions in flight.
   */
  async insertNew(
    records: readonly UsageRecord[],
    rolledUp: ReadonlySet<string>,
    turn: CommitTurn = new CommitOrder().next(),
  ): Promise<{ inserted: Set<string>; existing: StoredPayloadRow[] }> {
    if (records.length === 0) {
      // Nothing to write: no transaction, so no audit row for it either.
      turn.ended(true);
      return { inserted: new Set(), existing: [] };
    }
    const connection = this.orm.em.getConnection() as AbstractSqlConnection;
    const postgres = isPostgres(this.orm.config.getPlatform());
    const now = Date.now();
    const rows = records.map((r) => toValues(r, now));
    const outcome = await insertUsageRows(connection, rows, postgres, rolledUp, turn);
    return { inserted: new Set(outcome.inserted), existing: outcome.existing };
  }

  /** The same, inside a caller's transaction (a move carrying gauges across): few rows. */
  async insertWithin(em: EntityManager, records: readonly UsageRecord[]): Promise<void> {
    const now = Date.now();
    for (const record of records) {
      await em.getConnection().execute(
        `insert into usage_event (source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties, recorded_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source, event_id) do nothing`,
        toValues(record, now),
        'run',
        em.getTransactionContext(),
      );
    }
  }

  async select(selection: UsageSelection): Promise<StoredUsage[]> {
    const clauses = ['meter_code = ?', 'ts < ?'];
    const params: unknown[] = [selection.meterCode, selection.before.getTime()];
    if (selection.from) {
      clauses.push('ts >= ?');
      params.push(selection.from.getTime());
    }
    if (selection.tenantId) {
      clauses.push('tenant_id = ?');
      params.push(selection.tenantId);
    }
    if (selection.pathPrefix) {
      clauses.push("path like ? escape '\\'");
      params.push(likePrefix(selection.pathPrefix));
    }
    if (selection.pathSegment) {
      clauses.push("path like ? escape '\\'");
      params.push(`%${likePrefix(selection.pathSegment)}`);
    }
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<UsageRow[]>(
        `select source, event_id, tenant_id, path, quantity, ts, resource_id, properties from usage_event where ${clauses.join(' and ')}`,
        params,
      );
    return (rows as UsageRow[]).map(fromRow);
  }

  /**
   * Edge rollups of meters over hour-aligned [from, to) within a scope, summed
   * in SQL by the keys asked for: a range of the primary key per (meter,
   * ancestor), so the rows read grow with the hours and the children, never
   * with the facts. Keys not asked for come back empty.
   */
  async edgeRollups(
    meterCodes: readonly string[],
    from: Date,
    to: Date,
    scope: EdgeScope,
    by: readonly EdgeKey[],
  ): Promise<EdgePartial[]> {
    if (meterCodes.length === 0) return [];
    const postgres = isPostgres(this.orm.config.getPlatform());
    const d = decimalSql(postgres);
    const clauses = [
      `meter_code in (${meterCodes.map(() => '?').join(', ')})`,
      'hour >= ?',
      'hour < ?',
    ];
    const params: unknown[] = [...meterCodes, from.getTime(), to.getTime()];
    if (scope.ancestorId) {
      clauses.push('ancestor_id = ?');
      params.push(scope.ancestorId);
    }
    if (scope.childId) {
      clauses.push('child_id = ?');
      params.push(scope.childId);
    }
    if (scope.edgesOnly) clauses.push('ancestor_id <> child_id');
    const keys = ['meter_code', ...by.map((k) => EDGE_COLUMNS[k])];
    const where = { sql: clauses.join(' and '), params };
    const source = postgres
      ? withPending(scope, where)
      : { sql: `(select * from usage_edge_rollup where ${where.sql})`, params };
    const rows = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select ${keys.join(', ')}, ${d.sum('total')} as total, sum(events) as events, ${d.max('peak')} as peak
         from ${source.sql} r group by ${keys.join(', ')}`,
        source.params,
      )) as EdgeRollupRow[];
    return rows.map((r) => ({
      meterCode: r.meter_code,
      ancestorId: r.ancestor_id ?? '',
      childId: r.child_id ?? '',
      hour: Number(r.hour ?? 0),
      total: new Dec(r.total),
      events: new Dec(r.events),
      peak: new Dec(r.peak),
    }));
  }

  /**
   * Folds up to FOLD_LIMIT pending rows onto the edges in a transaction of its
   * own. Returns how many were taken (none on SQLite, which folds as it
   * ingests), or null when another folder holds the schema's fold lock.
   */
  async foldPending(): Promise<number | null> {
    if (!isPostgres(this.orm.config.getPlatform())) return 0;
    return this.orm.em
      .fork()
      .transactional((em) =>
        foldPendingWithin(
          (sql) =>
            em.getConnection().execute(sql, [], 'all', em.getTransactionContext()) as Promise<
              Record<string, unknown>[]
            >,
          { limit: FOLD_LIMIT, blocking: false },
        ),
      );
  }

  /**
   * Gives back the pages of folded pending rows (PostgreSQL): reads scan the
   * pending table whole, dead rows included, until a vacuum frees them — after
   * a million folded rows that was 40 ms on every read.
   */
  async vacuumPending(): Promise<void> {
    if (!isPostgres(this.orm.config.getPlatform())) return;
    await this.orm.em.fork().getConnection().execute('vacuum usage_pending_rollup');
  }

  /** Gauge facts of a subtree before an instant: what a move must carry across. */
  async gaugesBefore(
    em: EntityManager,
    meterCodes: readonly string[],
    pathPrefix: string,
    at: Date,
  ): Promise<StoredGauge[]> {
    if (meterCodes.length === 0) return [];
    const rows = (await em.getConnection().execute(
      `select source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties from usage_event
       where meter_code in (${meterCodes.map(() => '?').join(', ')}) and path like ? escape '\\' and ts < ?`,
      [...meterCodes, likePrefix(pathPrefix), at.getTime()],
      'all',
      em.getTransactionContext(),
    )) as (UsageRow & { meter_code: string })[];
    return rows.map((row) => ({ ...fromRow(row), meterCode: row.meter_code }));
  }

  /**
   * After a move, facts from effectiveAt on follow the tenant's new chain, and
   * so do their rollups, in the caller's transaction: what those facts added
   * per (meter, hour) is taken off every edge above the tenant on the old
   * chain and added on the new one. Edges below the tenant do not change.
   */
  async repathSince(
    em: EntityManager,
    move: { oldPath: string; newPath: string; effectiveAt: Date; until?: Date | null },
    rolledUp: readonly string[],
  ): Promise<void> {
    const postgres = isPostgres(this.orm.config.getPlatform());
    const d = decimalSql(postgres);
    const run = (sql: string, values: unknown[], method: 'all' | 'run' = 'run') =>
      em.getConnection().execute(sql, values, method, em.getTransactionContext());
    // The move re-counts folded rollups; what is pending is folded first, all of it.
    if (postgres) {
      const all = (sql: string) => run(sql, [], 'all') as Promise<Record<string, unknown>[]>;
      while ((await foldPendingWithin(all, { limit: FOLD_LIMIT, blocking: true })) === FOLD_LIMIT);
    }
    const since = move.effectiveAt.getTime();
    // Facts in [since, until): a later move of an ancestor starts another stretch.
    const until = move.until ? move.until.getTime() : Number.MAX_SAFE_INTEGER;
    const moved =
      rolledUp.length === 0
        ? []
        : ((await run(
            `select meter_code, ts - ((ts % ${HOUR_MS}) + ${HOUR_MS}) % ${HOUR_MS} as hour,
               ${d.sum('quantity')} as total, count(*) as events, ${d.max('quantity')} as peak
             from usage_event where meter_code in (${rolledUp.map(() => '?').join(', ')})
               and path like ? escape '\\' and ts >= ? and ts < ?
             group by meter_code, hour`,
            [...rolledUp, likePrefix(move.oldPath), since, until],
            'all',
          )) as MovedHour[]);
    await run(
      "update usage_event set path = ? || substr(path, ?) where path like ? escape '\\' and ts >= ? and ts < ?",
      [move.newPath, move.oldPath.length + 1, likePrefix(move.oldPath), since, until],
    );
    const { left, joined } = changedEdges(move.oldPath, move.newPath);
    for (const h of moved) {
      for (const [ancestorId, childId] of left) {
        const key = [h.meter_code, ancestorId, childId, Number(h.hour)];
        await run(
          `update usage_edge_rollup set total = ${d.sub('total', '?')}, events = events - ?
           where meter_code = ? and ancestor_id = ? and child_id = ? and hour = ?`,
          [h.total, Number(h.events), ...key],
        );
        await run(
          'delete from usage_edge_rollup where meter_code = ? and ancestor_id = ? and child_id = ? and hour = ? and events = 0',
          key,
        );
        // A maximum cannot be taken off: it is read again from the facts of that edge and hour.
        await run(
          `update usage_edge_rollup set peak = (
             select ${d.max('quantity')} from usage_event
             where meter_code = ? and ts >= ? and ts < ? and path like ? escape '\\')
           where meter_code = ? and ancestor_id = ? and child_id = ? and hour = ?`,
          [
            h.meter_code,
            Number(h.hour),
            Number(h.hour) + HOUR_MS,
            likeContaining(`/${ancestorId}/${childId}/`),
            ...key,
          ],
        );
      }
      for (const [ancestorId, childId] of joined) {
        await run(
          `insert into usage_edge_rollup (meter_code, ancestor_id, child_id, hour, total, events, peak)
           values (?, ?, ?, ?, ?, ?, ?)
           on conflict (meter_code, ancestor_id, hour, child_id) do update set
             total = ${d.add('usage_edge_rollup.total', 'excluded.total')},
             events = usage_edge_rollup.events + excluded.events,
             peak = ${d.greatest('usage_edge_rollup.peak', 'excluded.peak')}`,
          [h.meter_code, ancestorId, childId, Number(h.hour), h.total, Number(h.events), h.peak],
        );
      }
    }
  }
}

/**
 * The folded rollups and, in the same statement (one snapshot, so a fold
 * committing meanwhile is counted once), the pending rows split onto their
 * edges; a scope below an ancestor first keeps only the pending paths through
 * it. The filter goes into each branch: over the union PostgreSQL could not
 * push it down (the branches' types differ) and scanned every rollup row.
 */
function withPending(
  scope: EdgeScope,
  where: { sql: string; params: unknown[] },
): { sql: string; params: unknown[] } {
  const through = scope.ancestorId ? ` where path like ? escape '\\'` : '';
  const pending = edgesOf(`(select * from usage_pending_rollup${through}) p`);
  return {
    sql: `(select meter_code, ancestor_id, child_id, hour, total, events, peak from usage_edge_rollup
      where ${where.sql} union all select * from (${pending}) e where ${where.sql})`,
    params: [
      ...where.params,
      ...(scope.ancestorId ? [likeContaining(`/${scope.ancestorId}/`)] : []),
      ...where.params,
    ],
  };
}

interface MovedHour {
  meter_code: string;
  hour: string | number;
  total: string;
  events: string | number;
  peak: string;
}

/** The edges from the root down to the moved tenant on each chain, minus those both share. */
function changedEdges(
  oldPath: string,
  newPath: string,
): { left: [string, string][]; joined: [string, string][] } {
  const chain = (path: string) => edgesAbove(path).slice(0, -1);
  const key = ([a, b]: [string, string]) => `${a}/${b}`;
  const before = chain(oldPath);
  const after = chain(newPath);
  const inBefore = new Set(before.map(key));
  const inAfter = new Set(after.map(key));
  return {
    left: before.filter((e) => !inAfter.has(key(e))),
    joined: after.filter((e) => !inBefore.has(key(e))),
  };
}
