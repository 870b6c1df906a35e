import { AbstractSqlConnection } from '@mikro-orm/knex';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Dec } from '@cascade/money';
import { edgeRollupOf, EdgePartial, HOUR_MS } from '@cascade/metering-domain';
import { auditInsert, AuditRow, claimAudit, settleAudit } from '@cascade/platform';
import type { CommitTurn } from './commit-order';

/** The slice of better-sqlite3's API used here (the package ships no types). */
interface Statement {
  run(...values: unknown[]): { changes: number };
  get(...values: unknown[]): unknown;
}
interface Database {
  prepare(sql: string): Statement;
  transaction(fn: () => void): () => void;
}

/** One usage fact as a row, in column order. */
export type UsageRowValues = [
  source: string,
  eventId: string,
  tenantId: string,
  path: string,
  meterCode: string,
  quantity: string,
  ts: number,
  resourceId: string,
  properties: string,
  recordedAt: number,
];

/** A fact already stored under a key a batch sent again: what it is compared with. */
export interface StoredPayloadRow {
  source: string;
  event_id: string;
  tenant_id: string;
  meter_code: string;
  quantity: string;
  ts: string | number;
  resource_id: string;
  properties: string;
}

export interface InsertOutcome {
  /** Keys (`keyOf`) of the rows this call inserted. */
  inserted: string[];
  /** The stored rows of the keys that were already there. */
  existing: StoredPayloadRow[];
}

const COLUMNS =
  'source, event_id, tenant_id, path, meter_code, quantity, ts, resource_id, properties, recorded_at';
const PAYLOAD = 'source, event_id, tenant_id, meter_code, quantity, ts, resource_id, properties';

/**
 * The ingest hot path, on the driver's own connection: the ORM's statement
 * building costs more than the database's work at this volume. An existing
 * (source, event_id) is skipped by the database itself, so replicas racing on
 * the same event still count it once; what the facts of `rolledUp` meters add
 * to the hourly edge rollups (pending, on PostgreSQL) moves in the same
 * transaction as the facts, and so does the call's audit event when this
 * transaction is the one to carry it. `turn` orders it among the
 * transactions of the same stream still in flight.
 */
export async function insertUsageRows(
  connection: AbstractSqlConnection,
  rows: readonly UsageRowValues[],
  isPostgres: boolean,
  rolledUp: ReadonlySet<string>,
  turn: CommitTurn,
): Promise<InsertOutcome> {
  const knex = connection.getKnex();
  const transaction = {};
  let committed = false;
  try {
    await turn.mayWrite();
    const audit = claimAudit(transaction);
    const raw: unknown = await knex.client.acquireConnection();
    try {
      const outcome = isPostgres
        ? await insertPostgres(raw as PoolClient, rows, rolledUp, audit, turn)
        : await insertSqlite(raw as Database, rows, rolledUp, audit, turn);
      committed = true;
      return outcome;
    } finally {
      knex.client.releaseConnection(raw);
    }
  } finally {
    settleAudit(transaction, committed);
    turn.ended(committed);
  }
}

/** Why a batch wrote nothing although its own statements succeeded. */
const EARLIER_BATCH_FAILED = 'an earlier batch of this stream failed: this one was rolled back';

export function keyOf(source: string, eventId: string): string {
  return `${source}\u0000${eventId}`;
}

/**
 * A batch goes to PostgreSQL as one COPY into a per-connection staging table
 * (text format: no per-value parameter or array encoding in Node, the
 * database parses the rows itself), then one statement moves what is new into
 * the facts and the edge rollups. The staging table empties at each commit.
 */
const STAGE = `create temporary table if not exists usage_stage (
  source text, event_id text, tenant_id text, path text, meter_code text, quantity numeric,
  ts bigint, resource_id text, properties text, recorded_at bigint) on commit delete rows`;
const COPY_STAGE = `copy usage_stage (${COLUMNS}) from stdin`;

/** Connections that already hold the staging table (it lives as long as the session). */
const staged = new WeakSet<object>();

/**
 * The facts and what they add to the rollups in one statement: the database
 * folds the inserted rows of rolled-up meters per (meter, path, hour) itself
 * (numeric sums are exact) and appends them to the pending rollups, which
 * `RollupFolder` spreads onto the edges later (migration 0007) — sparing a
 * round trip, decoding every inserted row into decimals here, and the edge
 * upserts that bound ingest.
 */
const INSERT_WITH_PENDING = `with inserted as (
  insert into usage_event (${COLUMNS})
  select ${COLUMNS} from usage_stage
  on conflict (source, event_id) do nothing
  returning source, event_id, path, meter_code, quantity, ts
), pending as (
  insert into usage_pending_rollup (meter_code, path, hour, total, events, peak)
  select meter_code, path, ts - ((ts % ${HOUR_MS}) + ${HOUR_MS}) % ${HOUR_MS} as hour,
    sum(quantity), count(*), max(quantity)
  from inserted where meter_code = any($1::text[])
  group by 1, 2, 3
)
select source, event_id from inserted`;

const EXISTING_POSTGRES = `select ${PAYLOAD} from usage_event
  where (source, event_id) in (select * from unnest($1::text[], $2::text[]))`;

function notInserted(rows: readonly UsageRowValues[], inserted: ReadonlySet<string>) {
  return rows.filter((r) => !inserted.has(keyOf(r[0], r[1])));
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | number): string {
  const text = String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text;
}

/** The rows as one COPY text payload, a line per row. */
export function copyPayload(rows: readonly UsageRowValues[]): string {
  let out = '';
  for (const row of rows) {
    out += copyText(row[0]);
    for (let i = 1; i < row.length; i++) out += '\t' + copyText(row[i]);
    out += '\n';
  }
  return out;
}

async function copyInto(client: PoolClient, sql: string, payload: string): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(payload);
  });
}

async function insertPostgres(
  client: PoolClient,
  rows: readonly UsageRowValues[],
  rolledUp: ReadonlySet<string>,
  audit: AuditRow | undefined,
  turn: CommitTurn,
): Promise<InsertOutcome> {
  if (!staged.has(client)) {
    await client.query(STAGE);
    staged.add(client);
  }
  // JIT compilation took about half of a batch's time for a plan that runs in
  // milliseconds. The fold of a batch (thousands of numeric sums) spilled to
  // disk within the default 4 MB.
  await client.query("begin; set local jit = off; set local work_mem = '32MB'");
  try {
    await copyInto(client, COPY_STAGE, copyPayload(rows));
    const result = await client.query<{ source: string; event_id: string }>(INSERT_WITH_PENDING, [
      [...rolledUp],
    ]);
    const inserted = result.rows.map((r) => keyOf(r.source, r.event_id));
    const again = rows.length === inserted.length ? [] : notInserted(rows, new Set(inserted));
    const existing =
      again.length === 0
        ? []
        : (
            await client.query<StoredPayloadRow>(EXISTING_POSTGRES, [
              again.map((r) => r[0]),
              again.map((r) => r[1]),
            ])
          ).rows;
    if (audit) {
      const { sql, values } = auditInsert(audit, (i) => `$${i + 1}`);
      await client.query(sql, values);
    }
    if (!(await turn.mayCommit())) throw new Error(EARLIER_BATCH_FAILED);
    await client.query('commit');
    return { inserted, existing };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** What the rows actually inserted add to the edge rollups (a key repeated in the batch counts once). */
function rollupOf(
  inserted: readonly UsageRowValues[],
  rolledUp: ReadonlySet<string>,
): EdgePartial[] {
  return edgeRollupOf(
    inserted
      .filter((r) => rolledUp.has(r[4]))
      .map((r) => ({ meterCode: r[4], path: r[3], ts: r[6], quantity: new Dec(r[5]) })),
  );
}

/** One synchronous transaction: it writes and commits at once, so it waits for its turn to commit first. */
async function insertSqlite(
  db: Database,
  rows: readonly UsageRowValues[],
  rolledUp: ReadonlySet<string>,
  audit: AuditRow | undefined,
  turn: CommitTurn,
): Promise<InsertOutcome> {
  if (!(await turn.mayCommit())) throw new Error(EARLIER_BATCH_FAILED);
  const insert = db.prepare(
    `insert into usage_event (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source, event_id) do nothing`,
  );
  const stored = db.prepare(`select ${PAYLOAD} from usage_event where source = ? and event_id = ?`);
  // Text decimals are added by the registered decimal.js functions, exactly.
  const add = db.prepare(
    `insert into usage_edge_rollup (meter_code, ancestor_id, child_id, hour, total, events, peak)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (meter_code, ancestor_id, hour, child_id) do update set
       total = dec_add(total, excluded.total), events = events + excluded.events,
       peak = dec_greatest(peak, excluded.peak)`,
  );
  const inserted: UsageRowValues[] = [];
  const existing: StoredPayloadRow[] = [];
  db.transaction(() => {
    for (const row of rows) if (insert.run(...row).changes === 1) inserted.push(row);
    const keys = new Set(inserted.map((r) => keyOf(r[0], r[1])));
    for (const row of notInserted(rows, keys))
      existing.push(stored.get(row[0], row[1]) as StoredPayloadRow);
    for (const delta of rollupOf(inserted, rolledUp)) {
      add.run(
        delta.meterCode,
        delta.ancestorId,
        delta.childId,
        delta.hour,
        delta.total.toFixed(),
        Number(delta.events.toFixed()),
        delta.peak.toFixed(),
      );
    }
    if (audit) {
      const { sql, values } = auditInsert(audit);
      db.prepare(sql).run(...values);
    }
  })();
  return { inserted: inserted.map((r) => keyOf(r[0], r[1])), existing };
}
