import { context, Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { dbQueryDuration, secondsSince, watchPool } from '../metrics';
import { tracer } from '../tracing';

/** What knex hands its query events: the statement and its id. */
interface QueryEvent {
  __knexQueryUid?: string;
  sql?: string;
  method?: string;
}

/** The part of a knex instance observed: its query events and its (tarn) pool. */
export interface ObservedKnex {
  on(event: 'query', listener: (query: QueryEvent) => void): unknown;
  on(event: 'query-response', listener: (response: unknown, query: QueryEvent) => void): unknown;
  on(event: 'query-error', listener: (error: unknown, query: QueryEvent) => void): unknown;
  client: { pool?: { numUsed(): number; numFree(): number } | null; dialect?: string };
}

const STATEMENT_LIMIT = 500;

/**
 * Times every statement into cascade_db_query_duration_seconds and records it
 * as a CLIENT span under the active RPC span (statement text, never parameters),
 * and reports the pool's used and idle connections.
 */
export function observeDatabase(knex: ObservedKnex, system: 'postgresql' | 'sqlite'): void {
  const running = new Map<string, { start: bigint; span: Span }>();
  knex.on('query', (query) => {
    if (!query.__knexQueryUid) return;
    const sql = query.sql ?? '';
    const span = tracer().startSpan(
      `${system} ${(query.method ?? sql.split(/\s/, 1)[0] ?? 'query').toLowerCase()}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': system, 'db.statement': sql.slice(0, STATEMENT_LIMIT) },
      },
      context.active(),
    );
    running.set(query.__knexQueryUid, { start: process.hrtime.bigint(), span });
  });
  const finish = (query: QueryEvent, error?: unknown) => {
    const uid = query.__knexQueryUid;
    const entry = uid ? running.get(uid) : undefined;
    if (!entry || !uid) return;
    running.delete(uid);
    dbQueryDuration.observe(secondsSince(entry.start));
    if (error) entry.span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    entry.span.end();
  };
  knex.on('query-response', (_response, query) => finish(query));
  knex.on('query-error', (error, query) => finish(query, error));
  const pool = () => knex.client.pool ?? undefined;
  watchPool({ used: () => pool()?.numUsed() ?? 0, idle: () => pool()?.numFree() ?? 0 });
}
