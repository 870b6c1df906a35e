import { AbstractSqlConnection } from '@mikro-orm/knex';
import type { PoolClient } from 'pg';

/** The slice of better-sqlite3's API used here (the package ships no types). */
interface Database {
  prepare(sql: string): { run(...values: unknown[]): { changes: number } };
  transaction(fn: () => void): () => void;
}

/** One usage fact as a row, in column order. */
export type UsageRowValues = [
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  string,
  string,
  number,
];

const COLUMNS =
  'source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties, recorded_at';

/**
 * The ingest hot path, on the driver's own connection: the ORM's statement
 * building costs more than the database's work at this volume. Both inserts
 * skip an existing (source, event_id) in the database itself, so replicas
 * racing on the same event still count it once. Returns the keys inserted.
 */
export async function insertUsageRows(
  connection: AbstractSqlConnection,
  rows: readonly UsageRowValues[],
  isPostgres: boolean,
): Promise<string[]> {
  const knex = connection.getKnex();
  const raw: unknown = await knex.client.acquireConnection();
  try {
    return isPostgres
      ? await insertPostgres(raw as PoolClient, rows)
      : insertSqlite(raw as Database, rows);
  } finally {
    knex.client.releaseConnection(raw);
  }
}

async function insertPostgres(
  client: PoolClient,
  rows: readonly UsageRowValues[],
): Promise<string[]> {
  const columns = Array.from({ length: 10 }, (_, i) => rows.map((r) => r[i]));
  const result = await client.query<{ source: string; event_id: string }>(
    `insert into usage_event (${COLUMNS})
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::bigint[], $8::text[], $9::text[], $10::bigint[])
     on conflict (source, event_id) do nothing returning source, event_id`,
    columns,
  );
  return result.rows.map((r) => `${r.source}\u0000${r.event_id}`);
}

function insertSqlite(db: Database, rows: readonly UsageRowValues[]): string[] {
  const insert = db.prepare(
    `insert into usage_event (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source, event_id) do nothing`,
  );
  const inserted: string[] = [];
  db.transaction(() => {
    for (const row of rows)
      if (insert.run(...row).changes === 1) inserted.push(`${row[0]}\u0000${row[1]}`);
  })();
  return inserted;
}
