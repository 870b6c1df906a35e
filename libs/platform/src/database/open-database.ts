import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { Client } from 'pg';
import { observeDatabase } from '@cascade/observability';
import {
  DatabaseEnvironment,
  databaseOptions,
  schemaName,
  ServiceDatabase,
} from './database-config';
import { migrate } from './migrate';

async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** Connects, applies the checked-in migrations, and returns the ORM. */
export async function openDatabase(
  db: ServiceDatabase,
  env: DatabaseEnvironment,
): Promise<MikroORM> {
  if (env.DATABASE_URL) await ensureSchema(env.DATABASE_URL, schemaName(db, env));
  const orm = await MikroORM.init(databaseOptions(db, env));
  // Statement latency, spans and the pool gauge, migrations included.
  observeDatabase(
    (orm.em.getConnection() as AbstractSqlConnection).getKnex(),
    env.DATABASE_URL ? 'postgresql' : 'sqlite',
  );
  if (!env.DATABASE_URL) {
    // WAL lets readers run beside the single writer; durability stays on.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
  }
  await migrate(() => orm.getMigrator().up());
  return orm;
}
