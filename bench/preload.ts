/**
 * BENCH_PRELOAD: usage facts written straight into metering's PostgreSQL
 * schema before a benchmark, so it runs against a database that already
 * holds millions of events without streaming them for an hour first. Each
 * fact goes to a leaf of the tree with its path, spread over the month like
 * the streamed events; its edge rollups are written by the same split and
 * fold metering's folder uses, so every read stays exact.
 */
import { Client } from 'pg';
import type { BenchDatabase } from './support';
import { edgesOf, upsertEdges } from '../apps/metering/src/persistence/pending-rollup';

export const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 0);

/** Preloads metering's schema of `db` when BENCH_PRELOAD asks for it (PostgreSQL only), and says so. */
export async function preload(
  db: BenchDatabase,
  label: string,
  window: { meterCode: string; start: number; ms: number },
): Promise<void> {
  if (PRELOAD === 0 || db.kind !== 'postgres') return;
  const seconds = await write(db.url, `${db.prefix}metering`, window);
  console.log(`${label}: ${PRELOAD} events preloaded in ${seconds.toFixed(1)} s`);
}

async function write(
  url: string,
  schema: string,
  window: { meterCode: string; start: number; ms: number },
): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(`set search_path to "${schema}"`);
    await client.query("set work_mem = '256MB'; set maintenance_work_mem = '1GB'; set jit = off");
    await client.query(`create temporary table leaves as
      select row_number() over (order by id) - 1 as k, id, path from tenant t
      where not exists (select 1 from tenant c where c.parent_id = t.id)`);
    const [{ n }] = (await client.query('select count(*)::bigint as n from leaves')).rows;
    await client.query(
      `insert into usage_event (source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties, recorded_at)
       select 'preload', 'pre-' || g, l.id, l.path, $1, 1.25, $2::bigint + (g * 2654435761) % $3::bigint,
         'vm-' || (g % 50000), '{}', 0
       from generate_series(0, $4::bigint - 1) g join leaves l on l.k = g % $5::bigint`,
      [window.meterCode, window.start, window.ms, PRELOAD, n],
    );
    const hourly = `(select meter_code, path, ts - ts % 3600000 as hour, sum(quantity) as total,
        count(*) as events, max(quantity) as peak
      from usage_event where source = 'preload' group by 1, 2, 3) h`;
    await client.query(upsertEdges(edgesOf(hourly)));
    // A database that has held these rows for a while has been vacuumed too: without
    // it, autovacuum's first pass over 10 million fresh rows runs beside the reads.
    await client.query('vacuum (analyze) usage_event');
    await client.query('vacuum (analyze) usage_edge_rollup');
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}
