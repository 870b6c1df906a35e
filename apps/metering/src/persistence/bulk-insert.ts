import { AbstractSqlConnection } from '@mikro-orm/knex';
import type { PoolClient } from 'pg';
import { Dec } from '@cascade/money';
import { combine, HOUR_MS, HourlyPartial, rollupOf } from '@cascade/metering-domain';
import { auditInsert, AuditRow, claimAudit, settleAudit } from '@cascade/platform';

/** The slice of better-sqlite3's API used here (the package ships no types). */
interface Statement {
  run(...values: unknown[]): { changes: number };
  get(...values: unknown[]): unknown;
}
interface Database {
  prepare(sql: string): Statement;
  transaction(fn: () => void): () => void;
}

/** One usage fact as a row, in column order. */
export type UsageRowValues = [
  source: string,
  eventId: string,
  tenantId: string,
  path: string,
  meterCode: string,
  quantity: string,
  ts: number,
  resourceId: string,
  properties: string,
  recordedAt: number,
];

const COLUMNS =
  'source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties, recorded_at';

/**
 * The ingest hot path, on the driver's own connection: the ORM's statement
 * building costs more than the database's work at this volume. An existing
 * (source, event_id) is skipped by the database itself, so replicas racing on
 * the same event still count it once; the hourly rollups of `rolledUp` meters
 * move in the same transaction as the facts, and so does the call's audit
 * event when this transaction is the one to carry it. Returns the keys inserted.
 */
export async function insertUsageRows(
  connection: AbstractSqlConnection,
  rows: readonly UsageRowValues[],
  isPostgres: boolean,
  rolledUp: ReadonlySet<string>,
): Promise<string[]> {
  const knex = connection.getKnex();
  const transaction = {};
  const audit = claimAudit(transaction);
  let committed = false;
  const raw: unknown = await knex.client.acquireConnection();
  try {
    const inserted = isPostgres
      ? await insertPostgres(raw as PoolClient, rows, rolledUp, audit)
      : insertSqlite(raw as Database, rows, rolledUp, audit);
    committed = true;
    return inserted;
  } finally {
    knex.client.releaseConnection(raw);
    settleAudit(transaction, committed);
  }
}

function keyOf(source: string, eventId: string): string {
  return `${source}\u0000${eventId}`;
}

function rollupOfInserted(
  rows: readonly UsageRowValues[],
  inserted: ReadonlySet<string>,
  rolledUp: ReadonlySet<string>,
): HourlyPartial[] {
  const facts = rows
    .filter((r) => rolledUp.has(r[4]) && inserted.has(keyOf(r[0], r[1])))
    .map((r) => ({ meterCode: r[4], path: r[3], ts: r[6], quantity: new Dec(r[5]) }));
  return rollupOf(facts);
}

/**
 * The facts and the rollups of what was new in one statement: the database
 * folds the inserted rows itself (numeric sums are exact), which spares a
 * round trip and decoding every inserted row into decimals here. Rollup rows
 * are written in key order so replicas racing on the same hours lock alike.
 */
const INSERT_WITH_ROLLUPS = `with inserted as (
  insert into usage_event (${COLUMNS})
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::bigint[], $8::text[], $9::text[], $10::bigint[])
  on conflict (source, event_id) do nothing
  returning source, event_id, path, meter_code, quantity, ts
), rolled as (
  insert into usage_rollup (meter_code, path, hour, total, events, peak)
  select meter_code, path, ts - ((ts % ${HOUR_MS}) + ${HOUR_MS}) % ${HOUR_MS} as hour, sum(quantity), count(*), max(quantity)
  from inserted where meter_code = any($11::text[])
  group by meter_code, path, hour order by meter_code, hour, path
  on conflict (meter_code, hour, path) do update set total = usage_rollup.total + excluded.total,
    events = usage_rollup.events + excluded.events, peak = greatest(usage_rollup.peak, excluded.peak)
)
select source, event_id from inserted`;

async function insertPostgres(
  client: PoolClient,
  rows: readonly UsageRowValues[],
  rolledUp: ReadonlySet<string>,
  audit: AuditRow | undefined,
): Promise<string[]> {
  await client.query('begin');
  try {
    const columns = Array.from({ length: 10 }, (_, i) => rows.map((r) => r[i]));
    const result = await client.query<{ source: string; event_id: string }>(INSERT_WITH_ROLLUPS, [
      ...columns,
      [...rolledUp],
    ]);
    if (audit) {
      const { sql, values } = auditInsert(audit, (i) => `$${i + 1}`);
      await client.query(sql, values);
    }
    await client.query('commit');
    return result.rows.map((r) => keyOf(r.source, r.event_id));
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

function insertSqlite(
  db: Database,
  rows: readonly UsageRowValues[],
  rolledUp: ReadonlySet<string>,
  audit: AuditRow | undefined,
): string[] {
  const insert = db.prepare(
    `insert into usage_event (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source, event_id) do nothing`,
  );
  const read = db.prepare(
    'select total, events, peak from usage_rollup where meter_code = ? and hour = ? and path = ?',
  );
  const write = db.prepare(
    `insert into usage_rollup (meter_code, path, hour, total, events, peak) values (?, ?, ?, ?, ?, ?)
     on conflict (meter_code, hour, path) do update set total = excluded.total, events = excluded.events, peak = excluded.peak`,
  );
  const inserted = new Set<string>();
  db.transaction(() => {
    for (const row of rows)
      if (insert.run(...row).changes === 1) inserted.add(keyOf(row[0], row[1]));
    // SQLite keeps decimals as text, so the sums are made here, exactly.
    for (const delta of rollupOfInserted(rows, inserted, rolledUp)) {
      const stored = read.get(delta.meterCode, delta.hour, delta.path) as
        { total: string; events: number; peak: string } | undefined;
      const next = stored
        ? combine(delta, {
            total: new Dec(stored.total),
            events: new Dec(stored.events),
            peak: new Dec(stored.peak),
          })
        : delta;
      write.run(
        next.meterCode,
        next.path,
        next.hour,
        next.total.toFixed(),
        Number(next.events.toFixed()),
        next.peak.toFixed(),
      );
    }
    if (audit) {
      const { sql, values } = auditInsert(audit);
      db.prepare(sql).run(...values);
    }
  })();
  return [...inserted];
}
