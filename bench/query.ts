/**
 * Month subtree reads at scale: BENCH_EVENTS usage events (default 1,000,000)
 * over a month from the customers of a five-level tree, streamed into
 * metering, then `QueryUsage` of the month with include_descendants for the
 * provider, a distributor, a reseller and a customer, timed from a separate
 * client process; and the time from a `RecordUsage` ack until the provider's
 * total shows the event. BENCH_FANOUT, BENCH_DATABASES, BENCH_QUERIES scale it;
 * BENCH_KEEP=1 leaves the PostgreSQL schema behind.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Aggregation, MeterService, UsageService } from '@cascade/contracts';
import { peerClient } from '@cascade/platform';
import {
  BENCH_ADMIN_TOKEN,
  BenchDatabase,
  benchAuth,
  databaseEnv,
  peakRssMb,
  pendingDrained,
  postgresDatabase,
  printTable,
  sqliteDatabase,
  startService,
} from './support';
import { buildTree } from './tree';
import { preload, PRELOAD } from './preload';
import type { QueryClientReport, QueryClientTask } from './query-client';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = 5_000;
const IN_FLIGHT = 4;
const FANOUT = (process.env.BENCH_FANOUT ?? '5,5,4,100').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
/** Leaves metering's PostgreSQL schema behind for a look at its plans (drop it by hand). */
const KEEP = process.env.BENCH_KEEP === '1';
const MONTH_START = Date.UTC(2026, 9, 1);
const MONTH_MS = 31 * 24 * 3600 * 1000;

async function ingest(url: string, customers: readonly string[]): Promise<number> {
  const usage = peerClient(UsageService, { baseUrl: url, timeoutMs: 3_600_000, auth: benchAuth });
  let inFlight = 0;
  let release: (() => void) | undefined;
  async function* requests() {
    for (let start = 0; start < EVENTS; start += BATCH) {
      while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve));
      inFlight += 1;
      const events = [];
      for (let n = start; n < Math.min(EVENTS, start + BATCH); n++)
        events.push({
          id: `q-${n}`,
          tenantExternalRef: customers[n % customers.length],
          meterCode: 'bench.calls',
          quantity: '1.25',
          timestamp: timestampFromDate(new Date(MONTH_START + ((n * 2_654_435_761) % MONTH_MS))),
          resourceId: `vm-${n % 50_000}`,
        });
      yield { batchId: String(start), events };
    }
  }
  const started = performance.now();
  for await (const ack of usage.streamUsage(requests())) {
    if (ack.rejected.length > 0) throw new Error(`batch ${ack.batchId}: ${ack.rejected[0].reason}`);
    inFlight -= 1;
    release?.();
  }
  return (performance.now() - started) / 1000;
}

/** Runs the timed queries in a process of their own, so the client's work is not metering's. */
function queryClient(task: QueryClientTask): Promise<QueryClientReport> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'query-client.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, BENCH_TOKEN: BENCH_ADMIN_TOKEN },
    });
    child.once('message', (report) => resolve(report as QueryClientReport));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`query client exited ${code}`)));
    child.send(task);
  });
}

async function run(db: BenchDatabase) {
  const metering = await startService('metering', databaseEnv(db));
  try {
    await peerClient(MeterService, { baseUrl: metering.url, auth: benchAuth }).createMeter({
      code: 'bench.calls',
      name: 'calls',
      unit: 'call',
      aggregation: Aggregation.SUM,
    });
    const tree = await buildTree(metering.url, FANOUT, `query-${db.kind}`);
    await preload(db, db.kind, { meterCode: 'bench.calls', start: MONTH_START, ms: MONTH_MS });
    const seconds = await ingest(metering.url, tree.customers);
    // Reads are timed once metering's folder has caught up: steady state, not the backlog.
    const folded =
      db.kind === 'postgres' ? await pendingDrained(db.url, `${db.prefix}metering`) : 0;
    console.log(
      `${db.kind}: ${tree.edges.length + 1} tenants, ${EVENTS} events streamed in ${seconds.toFixed(1)} s, folded ${folded.toFixed(1)} s later; querying…`,
    );
    // One node per level, each the first child of the one above: the provider down to a customer.
    const chain = [tree.providerId];
    for (let depth = 0; depth < FANOUT.length; depth++)
      chain.push(tree.edges.find((e) => e.seller === chain[chain.length - 1])?.buyer as string);
    const levels = ['provider', 'distributor', 'reseller', 'sub-reseller', 'customer'];
    const report = await queryClient({
      url: metering.url,
      queries: QUERIES,
      from: MONTH_START,
      to: MONTH_START + MONTH_MS,
      nodes: chain.map((id, i) => ({ level: levels[i] ?? `depth ${i}`, id })),
      customerRef: tree.customers[0],
    });
    return { db: db.kind, report, peakRss: peakRssMb(metering.pid) };
  } finally {
    await metering.stop();
    if (db.kind === 'postgres' && KEEP)
      console.log(`kept schema "${db.prefix}metering" (BENCH_KEEP)`);
    else if (db.kind === 'postgres') {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(`drop schema if exists "${db.prefix}metering" cascade`);
      await client.end();
    }
  }
}

async function main(): Promise<void> {
  const databases = (process.env.BENCH_DATABASES ?? 'postgres,sqlite').split(',');
  const rows: (string | number)[][] = [];
  for (const kind of databases) {
    const { db, report, peakRss } = await run(
      kind === 'postgres' ? postgresDatabase() : sqliteDatabase(),
    );
    for (const q of report.levels)
      rows.push([db, q.level, q.total, q.p50.toFixed(1), q.p99.toFixed(1), peakRss]);
    rows.push([
      db,
      'ack → provider total',
      `${report.visible.samples} events`,
      report.visible.p50.toFixed(1),
      report.visible.p99.toFixed(1),
      peakRss,
    ]);
  }
  printTable(
    `QueryUsage, one month with include_descendants, ${EVENTS.toLocaleString('en')} events streamed${PRELOAD > 0 ? ` + ${PRELOAD.toLocaleString('en')} preloaded (PostgreSQL)` : ''}, tree ${FANOUT.join('×')}, ${QUERIES} queries per node from a separate process`,
    ['database', 'node', 'total', 'p50 ms', 'p99 ms', 'metering peak RSS MB'],
    rows,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
