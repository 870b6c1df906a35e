import { createHash } from 'node:crypto';
import * as path from 'node:path';
import Database from 'better-sqlite3';

/** Tables that change without a call changing state: the log of calls, and SQLite's counters. */
const NOT_STATE = new Set(['audit_event', 'sqlite_sequence', 'mikro_orm_migrations']);

/**
 * A digest of every row of every table of the services' SQLite files, read
 * through separate read-only connections (WAL readers see what is committed).
 */
export class StateDigest {
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

  /** One line per table: "service.table rows hash". */
  read(): string[] {
    const lines: string[] = [];
    for (const { name, db } of this.dbs) {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .all() as { name: string }[];
      for (const { name: table } of tables) {
        if (NOT_STATE.has(table)) continue;
        const rows = db
          .prepare(`select * from "${table}"`)
          .raw()
          .all()
          .map((row) =>
            JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
          )
          .sort();
        const hash = createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16);
        lines.push(`${name}.${table} ${rows.length} ${hash}`);
      }
    }
    return lines;
  }

  close(): void {
    for (const { db } of this.dbs) db.close();
  }
}
