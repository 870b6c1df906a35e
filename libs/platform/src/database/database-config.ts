import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { AnyEntity, EntitySchema, MigrationObject, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { AuditEntity } from '../audit/audit.entity';
import { PLATFORM_MIGRATIONS } from '../audit/audit.migration';
import { AuditSubscriber } from '../audit/audit-subscriber';

export interface ServiceDatabase {
  /** The owning service; its PostgreSQL schema and SQLite file are named after it. */
  service: string;
  entities: EntitySchema<AnyEntity>[];
  migrations: MigrationObject[];
  /**
   * Called with each new SQLite connection (a better-sqlite3 `Database`) before
   * anything runs on it: where a service registers its SQL functions.
   */
  onSqliteConnection?: (connection: unknown) => void;
}

export interface DatabaseEnvironment {
  DATABASE_URL?: string;
  CASCADE_DATA_DIR?: string;
  /** Prefix of the PostgreSQL schema names, so test runs can live side by side. */
  CASCADE_DB_SCHEMA_PREFIX?: string;
}

export function schemaName(db: ServiceDatabase, env: DatabaseEnvironment): string {
  return `${env.CASCADE_DB_SCHEMA_PREFIX ?? ''}${db.service}`;
}

/** MikroORM's own lines (migrations applied) go to the service's log like any other. */
const ormLog = new Logger('database');

export function databaseOptions(db: ServiceDatabase, env: DatabaseEnvironment): Options {
  const common = {
    colors: false,
    logger: (message: string) => ormLog.log(message),
    // Every service also keeps the platform's own tables (the audit log), migrated last.
    entities: [...db.entities, AuditEntity],
    extensions: [Migrator],
    // A changing call's audit event commits in the call's first transaction.
    subscribers: [new AuditSubscriber()],
    discovery: { disableDynamicFileAccess: true },
    allowGlobalContext: false,
    migrations: {
      migrationsList: [...db.migrations, ...PLATFORM_MIGRATIONS],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
  if (env.DATABASE_URL) {
    const schema = schemaName(db, env);
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: env.DATABASE_URL,
      schema,
      // Unqualified names in migrations and raw queries resolve to the service's own schema.
      driverOptions: { connection: { options: `-c search_path=${schema}` } },
    } as Options;
  }
  const dir = env.CASCADE_DATA_DIR ?? './data';
  fs.mkdirSync(dir, { recursive: true });
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName: path.join(dir, `${db.service}.sqlite`),
    pool: {
      afterCreate(connection: unknown, done: (error: Error | null, connection: unknown) => void) {
        db.onSqliteConnection?.(connection);
        done(null, connection);
      },
    },
  } as Options;
}
