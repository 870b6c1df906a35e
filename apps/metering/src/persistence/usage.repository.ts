import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { AbstractSqlConnection } from '@mikro-orm/knex';
import { isPostgres } from '@cascade/platform';
import { insertUsageRows, UsageRowValues } from './bulk-insert';
import { Dec } from '@cascade/money';
import { likePrefix } from '../tenants/tenant-path';

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

export interface PathTotal {
  path: string;
  sum: Dec;
  count: Dec;
  max: Dec;
}

/** Rows per statement: bounds a statement's size and the time a replica holds a connection. */
const INSERT_CHUNK = 5000;

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
   * database itself, so concurrent replicas never double count. Returns the keys inserted.
   */
  async insertNew(records: readonly UsageRecord[]): Promise<Set<string>> {
    const connection = this.orm.em.getConnection() as AbstractSqlConnection;
    const postgres = isPostgres(this.orm.config.getPlatform());
    const now = Date.now();
    const inserted = new Set<string>();
    for (let start = 0; start < records.length; start += INSERT_CHUNK) {
      const rows = records.slice(start, start + INSERT_CHUNK).map((r) => toValues(r, now));
      for (const key of await insertUsageRows(connection, rows, postgres)) inserted.add(key);
    }
    return inserted;
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
   * Per-path totals of an additive meter over [from, to). PostgreSQL sums
   * numerics exactly in the database; SQLite stores text, so it is summed here.
   */
  async pathTotals(
    meterCode: string,
    from: Date,
    to: Date,
    isPostgres: boolean,
  ): Promise<PathTotal[]> {
    const connection = this.orm.em.fork().getConnection();
    const params = [meterCode, from.getTime(), to.getTime()];
    const where = 'where meter_code = ? and ts >= ? and ts < ?';
    if (isPostgres) {
      const rows = (await connection.execute(
        `select path, sum(quantity) as total, count(*) as n, max(quantity) as top from usage_event ${where} group by path`,
        params,
      )) as { path: string; total: string; n: string; top: string }[];
      return rows.map((r) => ({
        path: r.path,
        sum: new Dec(r.total),
        count: new Dec(r.n),
        max: new Dec(r.top),
      }));
    }
    const rows = (await connection.execute(
      `select path, quantity from usage_event ${where}`,
      params,
    )) as { path: string; quantity: string }[];
    const byPath = new Map<string, PathTotal>();
    for (const row of rows) {
      const q = new Dec(row.quantity);
      const t = byPath.get(row.path);
      if (!t) byPath.set(row.path, { path: row.path, sum: q, count: new Dec(1), max: q });
      else
        byPath.set(row.path, {
          path: row.path,
          sum: t.sum.plus(q),
          count: t.count.plus(1),
          max: Dec.max(t.max, q),
        });
    }
    return [...byPath.values()];
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

  /** After a move, facts from effectiveAt on follow the tenant's new chain. */
  async repathSince(
    em: EntityManager,
    oldPath: string,
    newPath: string,
    effectiveAt: Date,
  ): Promise<void> {
    await em
      .getConnection()
      .execute(
        "update usage_event set path = ? || substr(path, ?) where path like ? escape '\\' and ts >= ?",
        [newPath, oldPath.length + 1, likePrefix(oldPath), effectiveAt.getTime()],
        'run',
        em.getTransactionContext(),
      );
  }
}
