import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { AbstractSqlConnection } from '@mikro-orm/knex';
import { isPostgres } from '@cascade/platform';
import { insertUsageRows, UsageRowValues } from './bulk-insert';
import { HourlyPartial, rollupOf } from '@cascade/metering-domain';
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
  async insertNew(
    records: readonly UsageRecord[],
    rolledUp: ReadonlySet<string>,
  ): Promise<Set<string>> {
    const connection = this.orm.em.getConnection() as AbstractSqlConnection;
    const postgres = isPostgres(this.orm.config.getPlatform());
    const now = Date.now();
    const inserted = new Set<string>();
    for (let start = 0; start < records.length; start += INSERT_CHUNK) {
      const rows = records.slice(start, start + INSERT_CHUNK).map((r) => toValues(r, now));
      for (const key of await insertUsageRows(connection, rows, postgres, rolledUp))
        inserted.add(key);
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

  /** Hourly partials of a meter over hour-aligned [from, to), optionally within a scope. */
  async rollups(
    meterCode: string,
    from: Date,
    to: Date,
    scope: { pathSegment?: string; tenantId?: string } = {},
  ): Promise<HourlyPartial[]> {
    const clauses = ['meter_code = ?', 'hour >= ?', 'hour < ?'];
    const params: unknown[] = [meterCode, from.getTime(), to.getTime()];
    if (scope.pathSegment) {
      clauses.push("path like ? escape '\\'");
      params.push(`%${likePrefix(scope.pathSegment)}`);
    }
    if (scope.tenantId) {
      clauses.push("path like ? escape '\\'");
      params.push(`%${likePrefix(`/${scope.tenantId}/`).slice(0, -1)}`);
    }
    const rows = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select path, hour, total, events, peak from usage_rollup where ${clauses.join(' and ')}`,
        params,
      )) as {
      path: string;
      hour: string | number;
      total: string;
      events: string | number;
      peak: string;
    }[];
    return rows.map((r) => ({
      meterCode,
      path: r.path,
      hour: Number(r.hour),
      total: new Dec(r.total),
      events: new Dec(r.events),
      peak: new Dec(r.peak),
    }));
  }

  /** Rebuilds the rollups of a subtree from an hour on, after its facts were re-pathed by a move. */
  async rebuildRollups(
    em: EntityManager,
    meterCodes: readonly string[],
    pathPrefixes: readonly string[],
    fromHour: number,
  ): Promise<void> {
    if (meterCodes.length === 0) return;
    const meters = meterCodes.map(() => '?').join(', ');
    const paths = pathPrefixes.map(() => "path like ? escape '\\'").join(' or ');
    const params = [...meterCodes, ...pathPrefixes.map(likePrefix), fromHour];
    const run = (sql: string, values: unknown[], method: 'all' | 'run') =>
      em.getConnection().execute(sql, values, method, em.getTransactionContext());
    await run(
      `delete from usage_rollup where meter_code in (${meters}) and (${paths}) and hour >= ?`,
      params,
      'run',
    );
    const facts = (await run(
      `select meter_code, path, ts, quantity from usage_event where meter_code in (${meters}) and (${paths}) and ts >= ?`,
      params,
      'all',
    )) as { meter_code: string; path: string; ts: string | number; quantity: string }[];
    const rows = rollupOf(
      facts.map((f) => ({
        meterCode: f.meter_code,
        path: f.path,
        ts: Number(f.ts),
        quantity: new Dec(f.quantity),
      })),
    );
    for (const r of rows) {
      await run(
        'insert into usage_rollup (meter_code, path, hour, total, events, peak) values (?, ?, ?, ?, ?, ?)',
        [r.meterCode, r.path, r.hour, r.total.toFixed(), r.events.toFixed(), r.peak.toFixed()],
        'run',
      );
    }
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
