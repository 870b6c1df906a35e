import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseEnvironment } from '../database/database-config';
import { dropSchemas, TEST_DATABASE_URL } from './postgres';

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
    drop: (services) => dropSchemas(services.map((service) => `${prefix}${service}`)),
  };
}
