import { spawnSync } from 'node:child_process';
import { Client } from 'pg';

/** Where the PostgreSQL tests run; CASCADE_TEST_DATABASE_URL points them elsewhere. */
export const TEST_DATABASE_URL =
  process.env.CASCADE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let reachable: boolean | undefined;

/**
 * Jest registers tests synchronously, so reachability is checked in a child
 * process that tries to connect (once per test file).
 */
export function postgresReachable(url = TEST_DATABASE_URL): boolean {
  if (reachable === undefined) {
    const script = `const { Client } = require('pg');
      const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
      c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
    const result = spawnSync(process.execPath, ['-e', script, url], {
      cwd: process.cwd(),
      timeout: 10_000,
      stdio: 'ignore',
    });
    reachable = result.status === 0;
  }
  return reachable;
}

/**
 * describe() when PostgreSQL is reachable. When it is not: under CI=true the
 * suite fails (a CI that silently skips the PostgreSQL half proves nothing);
 * elsewhere it is left out with a warning, so a laptop without PostgreSQL still
 * runs the SQLite half.
 */
export function describePostgres(name: string, body: () => void): void {
  if (postgresReachable()) {
    describe(name, body);
    return;
  }
  const problem = `PostgreSQL is not reachable at ${TEST_DATABASE_URL}`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a PostgreSQL to run against', () => {
        throw new Error(`${problem}; CI=true requires the PostgreSQL tests to run`);
      });
    });
    return;
  }
  console.warn(`${problem}: not running "${name}" (set CI=true to make this a failure)`);
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`);
  } finally {
    await client.end();
  }
}
