/**
 * npm run bench:ingest — one million usage events from 10,000 customers in a
 * five-level tree, 10 % duplicates, through StreamUsage and RecordUsage, into
 * PostgreSQL and SQLite, beside a raw PostgreSQL COPY of the same rows.
 * BENCH_EVENTS scales the run down (e.g. 100000 for a quick look).
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { MessageInitShape } from '@bufbuild/protobuf';
import { Aggregation, MeterService, UsageEventSchema } from '@cascade/contracts';
import { peerClient } from '@cascade/platform';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BENCH_DATABASE_URL,
  benchAuth,
  BenchDatabase,
  currentRssMb,
  databaseEnv,
  peakRssMb,
  pendingDrained,
  percentile,
  postgresDatabase,
  printTable,
  sqliteDatabase,
  startService,
} from './support';
import { buildTree } from './tree';
import { preload, PRELOAD } from './preload';
import { EncodedBatch, EncodedUsageClient, encodeBatch } from './encoded-usage';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const IN_FLIGHT = 4;
// 5 distributors, 25 resellers, 100 sub-resellers, 10,000 customers
const FANOUT = (process.env.BENCH_FANOUT ?? '5,5,4,100').split(',').map(Number);
const MONTH_START = Date.UTC(2026, 9, 1);
const MONTH_MS = 31 * 24 * 3600 * 1000;

type Event = MessageInitShape<typeof UsageEventSchema>;

/** Event n, deterministic; every tenth is a repeat of an earlier id (a duplicate). */
function eventAt(n: number, customers: readonly string[]): Event {
  const id = n % 10 === 9 ? n - 4_321 : n;
  const unique = id < 0 ? n : id;
  return {
    id: `ev-${unique}`,
    tenantExternalRef: customers[unique % customers.length],
    meterCode: 'bench.calls',
    quantity: '1.25',
    timestamp: timestampFromDate(new Date(MONTH_START + ((unique * 2_654_435_761) % MONTH_MS))),
    resourceId: `vm-${unique % 50_000}`,
  };
}

function* batches(customers: readonly string[]): Generator<{ id: string; events: Event[] }> {
  for (let start = 0; start < EVENTS; start += BATCH) {
    const events: Event[] = [];
    for (let n = start; n < Math.min(EVENTS, start + BATCH); n++)
      events.push(eventAt(n, customers));
    yield { id: String(start / BATCH), events };
  }
}

interface IngestResult {
  path: string;
  database: string;
  seconds: number;
  accepted: number;
  duplicates: number;
  latencies: number[];
  peakRss: number;
  rssSamples: number[];
  /** Seconds from the last ack until every pending rollup row was folded onto the edges (PostgreSQL). */
  foldLag?: number;
}

async function viaStream(
  url: string,
  batches: readonly EncodedBatch[],
  pid: number,
): Promise<Omit<IngestResult, 'path' | 'database' | 'peakRss'>> {
  const client = new EncodedUsageClient(url);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const rssSamples: number[] = [];
  let accepted = 0;
  let duplicates = 0;
  let acks = 0;
  const started = performance.now();
  try {
    await client.stream(batches, IN_FLIGHT, {
      send: (batch) => sentAt.set(batch.id, performance.now()),
      ack: (ack) => {
        latencies.push(performance.now() - (sentAt.get(ack.batchId) as number));
        accepted += ack.accepted;
        duplicates += ack.duplicates;
        if (++acks % Math.max(1, Math.floor(batches.length / 4)) === 0)
          rssSamples.push(currentRssMb(pid));
      },
    });
  } finally {
    client.close();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    accepted,
    duplicates,
    latencies,
    rssSamples,
  };
}

async function viaUnary(
  url: string,
  batches: readonly EncodedBatch[],
  pid: number,
): Promise<Omit<IngestResult, 'path' | 'database' | 'peakRss'>> {
  const client = new EncodedUsageClient(url);
  const latencies: number[] = [];
  const rssSamples: number[] = [];
  let accepted = 0;
  let duplicates = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const t0 = performance.now();
      const result = await client.record(batch);
      latencies.push(performance.now() - t0);
      accepted += result.accepted;
      duplicates += result.duplicates;
      if (latencies.length % Math.max(1, Math.floor(batches.length / 4)) === 0)
        rssSamples.push(currentRssMb(pid));
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    client.close();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    accepted,
    duplicates,
    latencies,
    rssSamples,
  };
}

async function run(path: 'StreamUsage' | 'RecordUsage', db: BenchDatabase): Promise<IngestResult> {
  const metering = await startService('metering', databaseEnv(db));
  try {
    await peerClient(MeterService, { baseUrl: metering.url, auth: benchAuth }).createMeter({
      code: 'bench.calls',
      name: 'calls',
      unit: 'call',
      aggregation: Aggregation.SUM,
    });
    const t0 = performance.now();
    const tree = await buildTree(metering.url, FANOUT, `${path}-${db.kind}`);
    const treeSeconds = (performance.now() - t0) / 1000;
    await preload(db, `${path} on ${db.kind}`, {
      meterCode: 'bench.calls',
      start: MONTH_START,
      ms: MONTH_MS,
    });
    console.log(
      `${path} on ${db.kind}: tree of ${tree.edges.length + 1} tenants built in ${treeSeconds.toFixed(1)} s; sending ${EVENTS} events…`,
    );
    const encoded = [...batches(tree.customers)].map((b) =>
      encodeBatch({ batchId: b.id, events: b.events }),
    );
    const result = await (path === 'StreamUsage' ? viaStream : viaUnary)(
      metering.url,
      encoded,
      metering.pid,
    );
    const foldLag =
      db.kind === 'postgres' ? await pendingDrained(db.url, `${db.prefix}metering`) : undefined;
    return { ...result, path, database: db.kind, peakRss: peakRssMb(metering.pid), foldLag };
  } finally {
    await metering.stop();
    if (db.kind === 'postgres') await dropSchema(db.url, `${db.prefix}metering`);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}

/** The floor to compare with: the same rows, unique, straight into a table by COPY. */
async function rawCopy(url: string): Promise<{ seconds: number; rows: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const table = `bench_copy_${process.pid}`;
  await client.query(`create unlogged table if not exists ${table} (source text, event_id text, tenant_id text, path text, meter_code text,
    quantity numeric, ts bigint, resource_id text, properties text, recorded_at bigint, primary key (source, event_id))`);
  await client.query(`alter table ${table} set logged`);
  // Built before the clock starts, like the batches the services are sent.
  const seen = new Set<string>();
  const lines: string[] = [];
  for (let n = 0; n < EVENTS; n++) {
    const e = eventAt(n, ['c']);
    if (seen.has(e.id as string)) continue;
    seen.add(e.id as string);
    lines.push(
      `default\t${e.id}\tt-${n % 10000}\t/p/d/r/s/t-${n % 10000}/\tbench.calls\t1.25\t${MONTH_START + n}\t${e.resourceId}\t{}\t0\n`,
    );
  }
  const started = performance.now();
  await pipeline(Readable.from(lines), client.query(copyFrom(`copy ${table} from stdin`)));
  const seconds = (performance.now() - started) / 1000;
  await client.query(`drop table ${table}`);
  await client.end();
  return { seconds, rows: seen.size };
}

async function main(): Promise<void> {
  const results: IngestResult[] = [];
  const paths = (process.env.BENCH_PATHS ?? 'StreamUsage,RecordUsage').split(',') as (
    'StreamUsage' | 'RecordUsage'
  )[];
  const databases = (process.env.BENCH_DATABASES ?? 'postgres,sqlite').split(',');
  for (const path of paths) {
    for (const kind of databases)
      results.push(await run(path, kind === 'postgres' ? postgresDatabase() : sqliteDatabase()));
  }
  const copy = await rawCopy(BENCH_DATABASE_URL);
  const copyRate = copy.rows / copy.seconds;
  printTable(
    `Ingest: ${EVENTS.toLocaleString('en')} events (10 % duplicates)${PRELOAD > 0 ? ` into ${PRELOAD.toLocaleString('en')} preloaded (PostgreSQL)` : ''}, batches of ${BATCH}, ${IN_FLIGHT} in flight, 2 cores`,
    [
      'path',
      'database',
      'events/s',
      'vs raw COPY',
      'p50 batch ms',
      'p99 batch ms',
      'accepted',
      'duplicates',
      'peak RSS MB',
      'RSS at 25/50/75/100 % MB',
      'folded s after last ack',
      'events/s incl. fold',
    ],
    [
      ...results.map((r) => {
        const sorted = [...r.latencies].sort((a, b) => a - b);
        const rate = EVENTS / r.seconds;
        return [
          r.path,
          r.database,
          Math.round(rate).toLocaleString('en'),
          r.database === 'postgres' ? `${((rate / copyRate) * 100).toFixed(0)} %` : '',
          percentile(sorted, 50).toFixed(0),
          percentile(sorted, 99).toFixed(0),
          r.accepted,
          r.duplicates,
          r.peakRss,
          r.rssSamples.join(' / '),
          r.foldLag === undefined ? '' : r.foldLag.toFixed(1),
          r.foldLag === undefined
            ? ''
            : Math.round(EVENTS / (r.seconds + r.foldLag)).toLocaleString('en'),
        ];
      }),
      [
        'raw COPY (unique rows)',
        'postgres',
        Math.round(copyRate).toLocaleString('en'),
        '100 %',
        '',
        '',
        copy.rows,
        '',
        '',
        '',
        '',
        '',
      ],
    ],
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
