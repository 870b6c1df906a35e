/**
 * Rows of `source` (meter_code, path, hour, total, events, peak) split into
 * the edges above each path (PostgreSQL): each id on the path with the next
 * one, and the path's own tenant with itself. The path is split once per row
 * and unnested beside itself shifted by one (indexing the array per edge
 * split it again for every edge: the split took 115 ms of a 600 ms fold, 65
 * now); the planner counts a path's edges as 10 per row, where
 * `generate_series` guessed 1,000. Ids compare in byte order, the rollup keys' collation (migration 0006).
 */
export function edgesOf(source: string): string {
  return `select t.meter_code, s.id collate "C" as ancestor_id,
    coalesce(s.child, s.id) collate "C" as child_id, t.hour, t.total, t.events, t.peak
  from (select meter_code, hour, total, events, peak,
      string_to_array(trim(both '/' from path), '/') as ids from ${source}) t,
    unnest(t.ids, t.ids[2:]) as s(id, child)`;
}

/**
 * Edge rows folded to one per key and added to the stored rollups. Rows are
 * written in key order so writers racing on the same hours lock alike.
 */
export function upsertEdges(edges: string): string {
  return `insert into usage_edge_rollup (meter_code, ancestor_id, child_id, hour, total, events, peak)
  select meter_code, ancestor_id, child_id, hour, sum(total), sum(events), max(peak) from (${edges}) e
  group by meter_code, ancestor_id, hour, child_id order by meter_code, ancestor_id, hour, child_id
  on conflict (meter_code, ancestor_id, hour, child_id) do update set
    total = usage_edge_rollup.total + excluded.total,
    events = usage_edge_rollup.events + excluded.events,
    peak = greatest(usage_edge_rollup.peak, excluded.peak)`;
}

/**
 * Pending rows taken per fold: bounds a fold's transaction and its memory.
 * The edges near the root fold into the same rows however many are taken,
 * so a larger fold writes fewer rows per event: 100,000 absorbed 13 % more
 * events/s than 20,000 (1M-event bench, 2026-12-04), in a 256 MB sort.
 */
export const FOLD_LIMIT = 100_000;

/** One folder per schema at a time; a move waits for it (`blocking`). */
function foldLock(blocking: boolean): string {
  const fn = blocking ? 'pg_advisory_xact_lock' : 'pg_try_advisory_xact_lock';
  return `select ${fn}(hashtext(current_schema() || '.usage_pending_rollup')) as locked`;
}

/**
 * Takes up to `limit` pending rows and adds them to the edge rollups in one
 * statement: the delete and the upsert commit together, so each pending row
 * is counted exactly once, before or after, by any read.
 */
function fold(limit: number): string {
  return `with taken as (
  delete from usage_pending_rollup
  where ctid = any(array(select ctid from usage_pending_rollup limit ${Math.trunc(limit)}))
  returning meter_code, path, hour, total, events, peak
), rolled as (${upsertEdges(edgesOf('taken'))})
select count(*) as taken from taken`;
}

/** Runs one statement in the caller's open transaction and returns its rows. */
export type RunInTransaction = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Folds pending rows within the caller's open transaction. Returns how many
 * were taken, or null when another folder of this schema holds the lock.
 */
export async function foldPendingWithin(
  run: RunInTransaction,
  { limit, blocking }: { limit: number; blocking: boolean },
): Promise<number | null> {
  const [lock] = await run(foldLock(blocking));
  if (!blocking && lock.locked !== true) return null;
  await run('set local jit = off');
  await run("set local work_mem = '256MB'");
  const [result] = await run(fold(limit));
  return Number(result.taken);
}
