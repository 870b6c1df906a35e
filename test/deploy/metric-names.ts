/**
 * The metric names the services export (fixed with the observability work:
 * docs/OBSERVABILITY.md), and what alert rules and dashboards may query.
 */
const HISTOGRAMS = [
  'cascade_rpc_duration_seconds',
  'cascade_db_query_duration_seconds',
  'cascade_ingest_batch_duration_seconds',
  'cascade_rating_edge_duration_seconds',
  'cascade_watch_consumer_lag_events',
];

const SAMPLES = [
  'cascade_rpc_requests_total',
  'cascade_db_pool_connections',
  'cascade_usage_events_total',
  'cascade_usage_rejected_total',
  'cascade_rollup_lag_seconds',
  'cascade_rollup_folded_rows_total',
  'cascade_rating_edges_rated_total',
  'cascade_billing_run_edges',
  'cascade_billing_runs_total',
  'cascade_invoices',
  'cascade_unpriced_usage_edges_total',
  'cascade_outbox_depth',
  'cascade_watch_consumers',
  // prom-client's default process and Node.js metrics
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'process_start_time_seconds',
  'nodejs_eventloop_lag_seconds',
  // Prometheus's own, per scraped target
  'up',
];

export const KNOWN_METRICS: ReadonlySet<string> = new Set([
  ...SAMPLES,
  ...HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_sum`, `${h}_count`]),
]);

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);

/**
 * The metric names a PromQL expression selects: what is left once strings,
 * label matchers, ranges, grouping clauses, numbers and function calls are
 * taken out.
 */
export function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\b\d+(\.\d+)?(e\d+)?\b/g, ' ');
  const names = [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter(([, , call]) => !call)
    .map(([, name]) => name)
    .filter((name) => !KEYWORDS.has(name));
  return [...new Set(names)];
}
