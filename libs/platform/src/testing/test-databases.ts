import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DatabaseEnvironment } from '../database/database-config';

export const TEST_DATABASE_URL =
  process.env.CASCADE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let counter = 0;

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  env: DatabaseEnvironment;
  /** Removes what the test created: the data directory or the schemas. */
  drop(services: readonly string[]): Promise<void>;
}

export function sqliteTestDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-test-'));
  return {
    name: 'sqlite',
    env: { CASCADE_DATA_DIR: dir },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresTestDatabase(): TestDatabase {
  counter += 1;
  const prefix = `t${process.pid}_${counter}_${Date.now() % 100000}_`;
  return {
    name: 'postgres',
    env: { DATABASE_URL: TEST_DATABASE_URL, CASCADE_DB_SCHEMA_PREFIX: prefix },
    drop: async (services) => {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const service of services)
          await client.query(`drop schema if exists "${prefix}${service}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
