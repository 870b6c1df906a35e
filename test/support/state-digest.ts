import { createHash } from 'node:crypto';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { Cascade } from './cascade';

/** Tables that change without a call changing state: the log of calls, and the databases' own bookkeeping. */
const NOT_STATE = new Set(['audit_event', 'sqlite_sequence', 'mikro_orm_migrations']);

/** Every row of every table of a running cascade, as "service.table rows hash" lines. */
export interface StateDigest {
  read(): Promise<string[]>;
  close(): Promise<void>;
}

function line(service: string, table: string, rows: unknown[]): string {
  const texts = rows
    .map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
    .sort();
  const hash = createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 16);
  return `${service}.${table} ${rows.length} ${hash}`;
}

/** The services' SQLite files, read through separate read-only connections (WAL readers see what is committed). */
class SqliteDigest implements StateDigest {
  private readonly dbs: { name: string; db: Database.Database }[];

  constructor(dataDir: string, services: readonly string[]) {
    this.dbs = services.map((name) => ({
      name,
      db: new Database(path.join(dataDir, `${name}.sqlite`), {
        readonly: true,
        fileMustExist: true,
      }),
    }));
  }

  async read(): Promise<string[]> {
    const lines: string[] = [];
    for (const { name, db } of this.dbs) {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .all() as { name: string }[];
      for (const { name: table } of tables)
        if (!NOT_STATE.has(table))
          lines.push(line(name, table, db.prepare(`select * from "${table}"`).raw().all()));
    }
    return lines;
  }

  async close(): Promise<void> {
    for (const { db } of this.dbs) db.close();
  }
}

/** The services' PostgreSQL schemas ("<prefix><service>"), over one connection of its own. */
class PostgresDigest implements StateDigest {
  constructor(
    private readonly client: Client,
    private readonly prefix: string,
    private readonly services: readonly string[],
  ) {}

  async read(): Promise<string[]> {
    const lines: string[] = [];
    for (const service of this.services) {
      const schema = `${this.prefix}${service}`;
      const { rows: tables } = await this.client.query<{ table_name: string }>(
        `select table_name from information_schema.tables
          where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
        [schema],
      );
      for (const { table_name: table } of tables) {
        if (NOT_STATE.has(table)) continue;
        const { rows } = await this.client.query({
          text: `select * from "${schema}"."${table}"`,
          rowMode: 'array',
        });
        lines.push(line(service, table, rows));
      }
    }
    return lines;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** A digest of the cascade's state on whichever database it runs on. */
export async function openStateDigest(
  cascade: Cascade,
  services: readonly string[],
): Promise<StateDigest> {
  if (cascade.database === 'sqlite') return new SqliteDigest(cascade.dataDir as string, services);
  const client = new Client({ connectionString: cascade.databaseUrl });
  await client.connect();
  return new PostgresDigest(client, cascade.schemaPrefix as string, services);
}
