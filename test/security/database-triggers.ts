import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Cascade, ServiceName } from '../support';

/**
 * Makes a running service's database refuse some inserts, the way a full disk
 * or a broken constraint would, on SQLite and PostgreSQL alike: a trigger
 * that raises for the rows matching a condition on `new`.
 */
export class DatabaseTriggers {
  private pg?: Client;
  private made = 0;

  constructor(private readonly cascade: Cascade) {}

  /** Refuses the OK audit events matching `when`; resolves to what drops the trigger again. */
  refuseAuditEvents(service: ServiceName, when: string): Promise<() => Promise<void>> {
    return this.refuse(service, 'audit_event', `new.outcome = 'OK' and ${when}`);
  }

  async refuse(service: ServiceName, table: string, when: string): Promise<() => Promise<void>> {
    this.made += 1;
    const name = `refuse_${this.made}`;
    if (this.cascade.database === 'sqlite') {
      this.sqlite(service, (db) =>
        db.exec(`create trigger ${name} before insert on ${table} when ${when}
          begin select raise(abort, 'refused by the test'); end`),
      );
      return async () => this.sqlite(service, (db) => db.exec(`drop trigger ${name}`));
    }
    const schema = `"${this.cascade.schemaPrefix}${service}"`;
    await this.sql(`create function ${schema}.${name}() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await this.sql(`create trigger ${name} before insert on ${schema}.${table} for each row
      when (${when}) execute function ${schema}.${name}()`);
    return async () => {
      await this.sql(`drop trigger ${name} on ${schema}.${table}`);
      await this.sql(`drop function ${schema}.${name}()`);
    };
  }

  /** Rows of a query on the service's own tables. */
  async rows(service: ServiceName, query: string): Promise<unknown[]> {
    if (this.cascade.database === 'sqlite')
      return this.sqlite(service, (db) => db.prepare(query).all());
    await this.sql(`set search_path to "${this.cascade.schemaPrefix}${service}"`);
    return (await this.sql(query)).rows;
  }

  async close(): Promise<void> {
    await this.pg?.end();
  }

  private sqlite<T>(service: ServiceName, use: (db: Database.Database) => T): T {
    const db = new Database(path.join(this.cascade.dataDir ?? '', `${service}.sqlite`), {
      fileMustExist: true,
    });
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  private async sql(query: string) {
    if (!this.pg) {
      this.pg = new Client({ connectionString: this.cascade.databaseUrl });
      await this.pg.connect();
    }
    return this.pg.query(query);
  }
}
