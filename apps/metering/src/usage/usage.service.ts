import { Injectable, Logger } from '@nestjs/common';
import {
  aggregate,
  Aggregation,
  EdgePartial,
  partialSeries,
  partialValue,
  ROLLED_UP,
  series,
} from '@cascade/metering-domain';
import { judgeResends, RejectedUsage, Resend } from './conflicts';
import { PartialsReader } from './partials-reader';
import { MeterCatalog } from './meter-catalog';
import { Dec } from '@cascade/money';
import { notFound } from '@cascade/platform';
import { toFact } from './to-fact';
import { MeterRepository } from '../persistence/meter.repository';
import {
  EdgeScope,
  StoredUsage,
  UsageRecord,
  UsageRepository,
} from '../persistence/usage.repository';
import { TenantRepository } from '../persistence/tenant.repository';
import { MeterRow } from '../persistence/meter.entity';
import { idsOf } from '../tenants/tenant-path';
import { checkEvent, UsageEventInput } from './usage-input';
import { TenantDirectory, TenantView } from './tenant-directory';
import { eventTimeProblem } from './event-rules';
import { RollupFolder } from './rollup-folder';
import { CommitOrder, CommitTurn } from '../persistence/commit-order';

export interface RecordResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedUsage[];
  /** Ids seen before with a different payload: not counted, not duplicates. */
  conflicts: RejectedUsage[];
}

export interface PreparedBatch {
  size: number;
  /** The rejections, known before anything is written. */
  result: RecordResult;
  /** The first event of each id in the batch, with its position in the request. */
  fresh: Resend[];
  /** Later events of an id already in `fresh`: duplicates or conflicts, judged once stored. */
  repeats: Resend[];
  rolledUp: ReadonlySet<string>;
}

export type Granularity = 'HOUR' | 'DAY' | 'MONTH';
export type GroupBy = 'RESOURCE' | 'CHILD_TENANT';

export interface UsageQuery {
  tenantId: string;
  meterCode: string;
  from: Date;
  to: Date;
  includeDescendants: boolean;
  granularity?: Granularity;
  groupBy?: GroupBy;
  attributedParentId: string;
}

export interface UsageAnswer {
  total: Dec;
  unit: string;
  series: { start: Date; value: Dec }[];
  groups: { key: string; value: Dec }[];
}

@Injectable()
export class UsageService {
  private readonly log = new Logger('usage');

  constructor(
    private readonly usage: UsageRepository,
    private readonly meters: MeterRepository,
    private readonly tenants: TenantRepository,
    private readonly directory: TenantDirectory,
    private readonly partials: PartialsReader,
    private readonly catalog: MeterCatalog,
    private readonly folder: RollupFolder,
  ) {}

  /**
   * Each event is accepted, a duplicate or rejected on its own; a rejected event writes nothing.
   * Events for tenants outside `scope` (the caller's subtree) are rejected as unknown tenants.
   */
  async record(events: readonly UsageEventInput[], scope = '/'): Promise<RecordResult> {
    return this.store(await this.prepare(events, scope));
  }

  /**
   * A batch checked and resolved, nothing written yet: what `store` commits. Its size
   * is the caller's to check (requireBatch).
   */
  async prepare(events: readonly UsageEventInput[], scope = '/'): Promise<PreparedBatch> {
    const view = await this.directory.current();
    const meters = await this.catalog.forCodes(new Set(events.map((e) => e.meterCode)));
    const result: RecordResult = { accepted: 0, duplicates: 0, rejected: [], conflicts: [] };
    const fresh: Resend[] = [];
    const repeats: Resend[] = [];
    const inBatch = new Set<string>();
    const now = new Date();
    events.forEach((event, index) => {
      const record = toRecord(event, { view, meters, scope, now });
      if (typeof record === 'string') {
        result.rejected.push({ index, eventId: event.id, reason: record });
        return;
      }
      const key = `${record.source}\u0000${record.eventId}`;
      if (inBatch.has(key)) repeats.push({ index, record });
      else {
        inBatch.add(key);
        fresh.push({ index, record });
      }
    });
    const rolledUp = new Set(
      [...meters.values()]
        .filter((m) => ROLLED_UP.has(m.aggregation as Aggregation))
        .map((m) => m.code),
    );
    return { size: events.length, result, fresh, repeats, rolledUp };
  }

  /** The order a stream's batches take their turns in (`store`). */
  streamOrder(): CommitOrder {
    return new CommitOrder();
  }

  /** Commits a prepared batch; `turn` when it is one of a stream's batches in flight. */
  async store(batch: PreparedBatch, turn?: CommitTurn): Promise<RecordResult> {
    const { result, fresh } = batch;
    const { inserted, existing } = await this.usage.insertNew(
      fresh.map((f) => f.record),
      batch.rolledUp,
      turn,
    );
    if (inserted.size > 0) this.folder.kick();
    const resends = judgeResends(fresh, batch.repeats, existing);
    const stored: RecordResult = {
      accepted: result.accepted + inserted.size,
      duplicates: result.duplicates + resends.duplicates,
      rejected: result.rejected,
      conflicts: resends.conflicts,
    };
    if (stored.rejected.length > 0)
      this.log.warn(`rejected ${stored.rejected.length} of ${batch.size} events`);
    if (stored.conflicts.length > 0)
      this.log.warn(
        `${stored.conflicts.length} of ${batch.size} events reuse an id with a different payload: ${stored.conflicts[0].reason}`,
      );
    return stored;
  }

  async query(q: UsageQuery): Promise<UsageAnswer> {
    const em = this.tenants.em();
    const tenant = await this.tenants.findById(em, q.tenantId);
    if (!tenant) throw notFound('tenant', q.tenantId);
    if (q.attributedParentId && !(await this.tenants.findById(em, q.attributedParentId)))
      throw notFound('tenant', q.attributedParentId);
    const meter = await this.meters.find(q.meterCode);
    if (!meter) throw notFound('meter', q.meterCode);
    const aggregation = meter.aggregation as Aggregation;
    // An edge's rollup does not split by the buyer's children: that one question reads facts.
    const splitsEdge = q.groupBy === 'CHILD_TENANT' && q.attributedParentId !== '';
    if (ROLLED_UP.has(aggregation) && q.groupBy !== 'RESOURCE' && !splitsEdge)
      return this.fromPartials(q, aggregation, meter.unit);
    const stored = await this.usage.select({
      meterCode: meter.code,
      before: q.to,
      // Gauges need the value set before the window opened.
      from: aggregation === 'TIME_WEIGHTED' ? undefined : q.from,
      ...this.scope(q),
    });
    const window = { from: q.from, to: q.to };
    const options = { property: meter.property || undefined };
    const facts = stored.map(toFact);
    return {
      total: aggregate(aggregation, facts, window, options),
      unit: meter.unit,
      series: q.granularity ? series(aggregation, facts, window, q.granularity, options) : [],
      groups: q.groupBy ? this.groups(q, meter, stored) : [],
    };
  }

  /**
   * Additive meters read the edge rollups: a subtree is the rows below its
   * root, an edge the rows of that (parent, tenant) pair, own use the
   * tenant's row with itself — a month never scans facts or matches paths.
   */
  private async fromPartials(
    q: UsageQuery,
    aggregation: Aggregation,
    unit: string,
  ): Promise<UsageAnswer> {
    const byChild = q.groupBy === 'CHILD_TENANT';
    const partials = await this.partials.of([q.meterCode], q.from, q.to, this.edgeScope(q), [
      ...(byChild ? (['child'] as const) : []),
      ...(q.granularity ? (['hour'] as const) : []),
    ]);
    const groups = new Map<string, EdgePartial[]>();
    if (byChild) {
      for (const p of partials) groups.set(p.childId, [...(groups.get(p.childId) ?? []), p]);
    }
    return {
      total: partialValue(aggregation, partials),
      unit,
      series: q.granularity
        ? partialSeries(aggregation, partials, { from: q.from, to: q.to }, q.granularity)
        : [],
      groups: [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, list]) => ({ key, value: partialValue(aggregation, list) })),
    };
  }

  private edgeScope(q: UsageQuery): EdgeScope {
    if (q.attributedParentId) return { ancestorId: q.attributedParentId, childId: q.tenantId };
    return q.includeDescendants
      ? { ancestorId: q.tenantId }
      : { ancestorId: q.tenantId, childId: q.tenantId };
  }

  private scope(q: UsageQuery): { tenantId?: string; pathSegment?: string } {
    if (q.attributedParentId) return { pathSegment: `/${q.attributedParentId}/${q.tenantId}/` };
    return q.includeDescendants ? { pathSegment: `/${q.tenantId}/` } : { tenantId: q.tenantId };
  }

  private groups(
    q: UsageQuery,
    meter: MeterRow,
    stored: StoredUsage[],
  ): { key: string; value: Dec }[] {
    const byKey = new Map<string, StoredUsage[]>();
    for (const s of stored) {
      const key = q.groupBy === 'RESOURCE' ? s.resourceId : childBelow(s.path, q.tenantId);
      byKey.set(key, [...(byKey.get(key) ?? []), s]);
    }
    const window = { from: q.from, to: q.to };
    return [...byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, list]) => ({
        key,
        value: aggregate(meter.aggregation as Aggregation, list.map(toFact), window, {
          property: meter.property || undefined,
        }),
      }));
  }
}

/** The tenant directly below `ancestorId` on the path, or the ancestor itself for its own use. */
function childBelow(path: string, ancestorId: string): string {
  const ids = idsOf(path);
  const at = ids.indexOf(ancestorId);
  return ids[at + 1] ?? ancestorId;
}

interface IngestContext {
  view: TenantView;
  meters: ReadonlyMap<string, MeterRow>;
  /** The caller's subtree path; "/" is everything. */
  scope: string;
  now: Date;
}

/** An event as a usage fact with its path as of its own time, or the reason it is rejected. */
function toRecord(
  event: UsageEventInput,
  { view, meters, scope, now }: IngestContext,
): UsageRecord | string {
  const checked = checkEvent(event);
  if (typeof checked === 'string') return checked;
  const resolved = view.resolve(event.tenantId, event.tenantExternalRef);
  // A tenant outside the caller's subtree is as unknown as one that does not exist.
  if (!resolved || !(scope === '/' || view.pathAt(resolved, now).startsWith(scope))) {
    return `tenant: unknown tenant ${JSON.stringify(event.tenantId || event.tenantExternalRef)}`;
  }
  const meter = meters.get(event.meterCode);
  if (!meter) return `meter_code: unknown meter ${JSON.stringify(event.meterCode)}`;
  if (meter.aggregation === 'TIME_WEIGHTED' && !event.resourceId)
    return 'resource_id: is required for a TIME_WEIGHTED meter';
  const label = event.tenantId || event.tenantExternalRef;
  const late = eventTimeProblem(
    checked.timestamp,
    { label, closedAt: view.closedAt(resolved) },
    now,
  );
  if (late) return late;
  return {
    source: checked.source,
    eventId: checked.id,
    tenantId: resolved,
    path: view.pathAt(resolved, checked.timestamp),
    meterCode: meter.code,
    quantity: checked.quantity,
    timestamp: checked.timestamp,
    resourceId: event.resourceId,
    properties: event.properties,
  };
}
