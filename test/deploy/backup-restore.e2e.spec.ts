// docs/OPERATIONS.md's backup and restore, done: the three schemas dumped in one
// pg_dump, restored into an empty database with pg_restore, and the services
// started on the copy bill the month exactly as the original did.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  Cascade,
  CascadeClients,
  grpcClients,
  Message,
  startCascade,
  TEST_DATABASE_URL,
} from '../support';
import { Chain, OCTOBER, octoberEvents, seedChain } from '../observability/seed-chain';

const RESTORED_DATABASE = `cascade_restore_${process.pid}`;

function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What a restore must answer as the original did: every invoice of the month, as printed. */
async function monthOf(api: CascadeClients, chain: Chain): Promise<Message[]> {
  const sellers = [chain.provider, chain.reseller];
  const lists = await Promise.all(
    sellers.map((seller) => api.invoices.ListInvoices({ seller_tenant_id: seller.id, ...OCTOBER })),
  );
  return lists.flatMap((list) => list.invoices as Message[]);
}

async function usageTotal(api: CascadeClients, chain: Chain): Promise<string> {
  const usage = await api.usage.QueryUsage({
    tenant_id: chain.provider.id,
    meter_code: 'api.calls',
    from: OCTOBER.period_start,
    to: OCTOBER.period_end,
    include_descendants: true,
  });
  return usage.total as string;
}

describe('backup and restore of PostgreSQL (docs/OPERATIONS.md)', () => {
  let original: Cascade | undefined;
  let restored: Cascade | undefined;
  let originalApi: CascadeClients | undefined;
  let restoredApi: CascadeClients | undefined;
  const dumpDir = mkdtempSync(path.join(os.tmpdir(), 'cascade-dump-'));

  afterAll(async () => {
    originalApi?.close();
    restoredApi?.close();
    await original?.stop();
    await restored?.stop();
    await admin(`drop database if exists ${RESTORED_DATABASE}`);
    rmSync(dumpDir, { recursive: true, force: true });
  }, 60_000);

  test('a restored copy answers the same invoices and usage, and re-billing it changes nothing', async () => {
    original = await startCascade({ database: 'postgres' });
    originalApi = grpcClients(original.urls);
    const chain = await seedChain(originalApi);
    await originalApi.usage.RecordUsage({ events: octoberEvents('b', 300) });
    await originalApi.invoices.RunBilling(OCTOBER);
    const [first] = await monthOf(originalApi, chain);
    await originalApi.invoices.FinalizeInvoice({ id: first.id });
    const before = await monthOf(originalApi, chain);
    const totalBefore = await usageTotal(originalApi, chain);

    const dump = path.join(dumpDir, 'cascade.dump');
    execFileSync('pg_dump', [
      '--format=custom',
      `--file=${dump}`,
      ...original.schemas.map((schema) => `--schema=${schema}`),
      TEST_DATABASE_URL,
    ]);
    await admin(`drop database if exists ${RESTORED_DATABASE}`);
    await admin(`create database ${RESTORED_DATABASE}`);
    execFileSync('pg_restore', [
      '--exit-on-error',
      '--no-owner',
      `--dbname=${databaseUrl(RESTORED_DATABASE)}`,
      dump,
    ]);

    restored = await startCascade({
      database: 'postgres',
      databaseUrl: databaseUrl(RESTORED_DATABASE),
      env: { CASCADE_DB_SCHEMA_PREFIX: original.schemaPrefix ?? '' },
    });
    restoredApi = grpcClients(restored.urls);

    expect(await monthOf(restoredApi, chain)).toEqual(before);
    expect(await usageTotal(restoredApi, chain)).toBe(totalBefore);
    expect(totalBefore).toBe('300');
    const rerun = await restoredApi.invoices.RunBilling(OCTOBER);
    expect(rerun.run).toMatchObject({
      status: 'BILLING_RUN_STATUS_SUCCEEDED',
      invoices_created: 0,
      invoices_updated: 0,
      invoices_unchanged: 1,
      invoices_locked: 1,
    });
    expect(await monthOf(restoredApi, chain)).toEqual(before);
  }, 240_000);
});
