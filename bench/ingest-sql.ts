/**
 * The database's share of ingest, from a bare client (nothing of Cascade in
 * front): the same batches (`COPY` into a staging table, then `insert …
 * select`) written with the edge rollups upserted in the same transaction
 * (migration 0006: byte-order keys, fill factor 80, edges by `unnest … with
 * ordinality`, the fold within `work_mem`) and as now, with only the pending
 * (meter, path, hour) rows appended (migration 0007), beside the facts alone
 * and a raw `COPY` into a table with only the primary key. The variants
 * alternate on fresh tables so the machine's load drifts over all of them
 * alike. `node -r @swc-node/register bench/ingest-sql.ts` (BENCH_EVENTS,
 * BENCH_ROUNDS).
 */
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyPayload, UsageRowValues } from '../apps/metering/src/persistence/bulk-insert';
import { BENCH_DATABASE_URL, printTable } from './support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BATCH = 5_000;
const HOUR = 3_600_000;
const MONTH_START = Date.UTC(2026, 9, 1);
const MONTH_MS = 31 * 24 * 3600 * 1000;
const COLUMNS =
  'source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties, recorded_at';

function rows(): UsageRowValues[] {
  const out: UsageRowValues[] = [];
  for (let n = 0; n < EVENTS; n++) {
    const id = n % 10 === 9 && n >= 4_321 ? n - 4_321 : n;
    const c = id % 1_000;
    const path = `/p/d${c % 5}/r${c % 25}/s${c % 100}/c${c}/`;
    const ts = MONTH_START + ((id * 2_654_435_761) % MONTH_MS);
    out.push(['default', `ev-${id}`, `c${c}`, path, 'm', '1.25', ts, `vm-${id % 50_000}`, '{}', 0]);
  }
  return out;
}

const ORDINALITY_EDGES = `select meter_code, s.id collate "C" as ancestor_id,
    coalesce(ids[s.n + 1], s.id) collate "C" as child_id, hour, quantity
  from facts, unnest(ids) with ordinality as s(id, n)`;

const ROLLUPS = (edges: string) => `facts as (
  select meter_code, quantity, ts - ts % ${HOUR} as hour, string_to_array(trim(both '/' from path), '/') as ids
  from inserted
), edges as (${edges}), rolled as (
  insert into r (meter_code, ancestor_id, child_id, hour, total, events, peak)
  select meter_code, ancestor_id, child_id, hour, sum(quantity), count(*), max(quantity) from edges
  group by meter_code, ancestor_id, hour, child_id order by meter_code, ancestor_id, hour, child_id
  on conflict (meter_code, ancestor_id, hour, child_id) do update set
    total = r.total + excluded.total, events = r.events + excluded.events, peak = greatest(r.peak, excluded.peak)
)`;

const FACTS_ONLY = `insert into e (${COLUMNS}) select ${COLUMNS} from stage
  on conflict (source, event_id) do nothing`;

const PENDING = `with inserted as (
  insert into e (${COLUMNS}) select ${COLUMNS} from stage
  on conflict (source, event_id) do nothing returning path, meter_code, quantity, ts
), pending as (
  insert into p (meter_code, path, hour, total, events, peak)
  select meter_code, path, ts - ts % ${HOUR}, sum(quantity), count(*), max(quantity)
  from inserted group by 1, 2, 3
) select count(*) from inserted`;

const STAGED = (edges: string) => `with inserted as (
  insert into e (${COLUMNS}) select ${COLUMNS} from stage
  on conflict (source, event_id) do nothing returning path, meter_code, quantity, ts
), ${ROLLUPS(edges)} select count(*) from inserted`;

async function copy(client: Client, sql: string, payload: string): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(payload);
  });
}

/** The tables as metering's: byte-order keys, rollups with room for HOT updates, pending rows with no key. */
async function fresh(client: Client): Promise<void> {
  const key = 'text collate "C"';
  await client.query('drop table if exists e, r, k, p');
  await client.query(`create table e (source ${key}, event_id ${key}, tenant_id text, path text, meter_code ${key},
    quantity numeric, ts bigint, resource_id text, properties text, recorded_at bigint, primary key (source, event_id))`);
  await client.query('create index e_meter_ts on e (meter_code, ts)');
  await client.query(`create table r (meter_code ${key}, ancestor_id ${key}, child_id ${key}, hour bigint,
    total numeric, events bigint, peak numeric, primary key (meter_code, ancestor_id, hour, child_id))
    with (fillfactor = 80)`);
  await client.query(`create table p (meter_code ${key}, path ${key}, hour bigint, total numeric,
    events bigint, peak numeric)`);
  await client.query(`create table k (source ${key}, event_id ${key}, tenant_id text, path text, meter_code ${key},
    quantity numeric, ts bigint, resource_id text, properties text, recorded_at bigint, primary key (source, event_id))`);
}

const VARIANTS = [
  'edge rollups in the transaction (0006)',
  'pending rollups appended (0007, now)',
  'facts only',
  'raw COPY (pk only)',
] as const;
type Variant = (typeof VARIANTS)[number];

async function write(client: Client, variant: Variant, all: UsageRowValues[]): Promise<number> {
  await fresh(client);
  const unique = [...new Map(all.map((r) => [r[1], r])).values()];
  const started = performance.now();
  if (variant === 'raw COPY (pk only)') {
    await copy(client, `copy k (${COLUMNS}) from stdin`, copyPayload(unique));
    return unique.length / ((performance.now() - started) / 1000);
  }
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    await client.query("begin; set local jit = off; set local work_mem = '32MB'");
    await copy(client, `copy stage (${COLUMNS}) from stdin`, copyPayload(batch));
    if (variant === VARIANTS[0]) await client.query(STAGED(ORDINALITY_EDGES));
    else if (variant === VARIANTS[1]) await client.query(PENDING);
    else await client.query(FACTS_ONLY);
    await client.query('commit');
  }
  return all.length / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  const schema = `ingest_sql_${process.pid}`;
  await client.query(`create schema ${schema}`);
  await client.query(`set search_path = ${schema}`);
  await client.query(`create temporary table stage (source text, event_id text, tenant_id text, path text,
    meter_code text, quantity numeric, ts bigint, resource_id text, properties text, recorded_at bigint) on commit delete rows`);
  const all = rows();
  const rates = new Map<Variant, number[]>();
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const v of VARIANTS)
        rates.set(v, [...(rates.get(v) ?? []), await write(client, v, all)]);
  } finally {
    await client.query(`drop schema ${schema} cascade`);
    await client.end();
  }
  printTable(
    `Database only: ${EVENTS.toLocaleString('en')} events (10 % duplicates), batches of ${BATCH}, one connection`,
    ['statement', ...Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1} rows/s`)],
    [...rates].map(([v, r]) => [v, ...r.map((x) => Math.round(x).toLocaleString('en'))]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
