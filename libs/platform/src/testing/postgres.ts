import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';

/** The repository root: the probe's `require('pg')` resolves from there. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The database every PostgreSQL test uses (unit and end-to-end); CASCADE_TEST_DATABASE_URL overrides it. */
export const TEST_DATABASE_URL =
  process.env.CASCADE_TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test';

/** True under CI (CI=true, as .ci/run sets it). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

/** Connects and runs `select 1`; false on any failure (refused, auth, timeout). */
export async function pgAvailable(url = TEST_DATABASE_URL, timeoutMs = 3_000): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
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

const PROBE = `
const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
client.on('error', () => undefined);
client.connect().then(() => client.query('select 1')).then(
  () => client.end().then(() => process.exit(0)),
  () => process.exit(1),
);`;

const probed = new Map<string, boolean>();

/**
 * pgAvailable() for the moment jest collects tests, when nothing can be
 * awaited: the same probe in a short-lived child process.
 */
export function pgAvailableSync(url = TEST_DATABASE_URL): boolean {
  let known = probed.get(url);
  if (known === undefined) {
    const result = spawnSync(process.execPath, ['-e', PROBE, url], {
      cwd: ROOT,
      stdio: 'ignore',
      timeout: 10_000,
    });
    known = result.status === 0;
    probed.set(url, known);
  }
  return known;
}

/**
 * `describe` for tests that need PostgreSQL at TEST_DATABASE_URL. When it is
 * unreachable: under CI the block holds a single test that fails, saying why, so
 * CI can never pass without having run them; elsewhere nothing is registered and a
 * warning is printed.
 */
export function describeOnPostgres(name: string, fn: () => void): void {
  if (pgAvailableSync()) {
    describe(name, fn);
    return;
  }
  const why = `PostgreSQL at ${redactUrl(TEST_DATABASE_URL)} is unreachable`;
  if (underCi()) {
    describe(name, () => {
      test('PostgreSQL is reachable (required under CI)', () => {
        throw new Error(`${why}: under CI the PostgreSQL tests must run (.ci/run starts it)`);
      });
    });
    return;
  }
  console.warn(
    `${why}: not running "${name}" (start PostgreSQL to run it; under CI=true this fails)`,
  );
}

/** `drop schema … cascade` for each name; missing schemas are fine. */
export async function dropSchemas(
  schemas: readonly string[],
  url = TEST_DATABASE_URL,
): Promise<void> {
  if (schemas.length === 0) return;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const schema of schemas) {
      await client.query(`drop schema if exists "${schema.replace(/"/g, '""')}" cascade`);
    }
  } finally {
    await client.end();
  }
}
