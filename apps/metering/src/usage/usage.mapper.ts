import { Granularity, GroupBy, QueryUsageRequest, UsageEvent } from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import {
  FieldProblems,
  instantOrInvalid,
  requireAfter,
  requiredInstant,
  toTimestamp,
} from '@cascade/platform';
import { optionalId, requireId } from '../tenants/tenant-input';
import { UsageEventInput } from './usage-input';
import {
  Granularity as Grain,
  GroupBy as Group,
  RecordResult,
  UsageAnswer,
  UsageQuery,
} from './usage.service';
import { MessageInitShape } from '@bufbuild/protobuf';
import { QueryUsageResponseSchema, RecordUsageResponseSchema } from '@cascade/contracts';

export function usageEventFromProto(e: UsageEvent): UsageEventInput {
  return {
    id: e.id,
    tenantId: e.tenantId,
    tenantExternalRef: e.tenantExternalRef,
    meterCode: e.meterCode,
    quantity: e.quantity,
    timestamp: e.timestamp ? instantOrInvalid(e.timestamp) : undefined,
    resourceId: e.resourceId,
    properties: { ...e.properties },
    source: e.source,
  };
}

export function recordResultToProto(
  r: RecordResult,
  batchId: string,
): MessageInitShape<typeof RecordUsageResponseSchema> {
  return {
    accepted: r.accepted,
    duplicates: r.duplicates,
    rejected: r.rejected,
    batchId,
    conflicts: r.conflicts.length,
    conflicting: r.conflicts,
  };
}

const GRAINS: Record<number, Grain | undefined> = {
  [Granularity.HOUR]: 'HOUR',
  [Granularity.DAY]: 'DAY',
  [Granularity.MONTH]: 'MONTH',
};
const GROUPS: Record<number, Group | undefined> = {
  [GroupBy.RESOURCE]: 'RESOURCE',
  [GroupBy.CHILD_TENANT]: 'CHILD_TENANT',
};

/** A QueryUsage's query, every field checked: one INVALID_ARGUMENT names every bad field. */
export function usageQueryFromProto(req: QueryUsageRequest): UsageQuery {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const tenantId = field(() => requireId(req.tenantId, 'tenant_id'));
  if (!req.meterCode) problems.add('meter_code', 'is required');
  if (req.granularity !== Granularity.UNSPECIFIED && !GRAINS[req.granularity])
    problems.add('granularity', 'must be GRANULARITY_HOUR, GRANULARITY_DAY or GRANULARITY_MONTH');
  if (req.groupBy !== GroupBy.UNSPECIFIED && !GROUPS[req.groupBy])
    problems.add('group_by', 'must be GROUP_BY_RESOURCE or GROUP_BY_CHILD_TENANT');
  const from = field(() => requiredInstant(req.from, 'from'));
  const to = field(() => requiredInstant(req.to, 'to'));
  problems.check(() => requireAfter(from, to, ['from', 'to']));
  const attributedParentId = field(() =>
    optionalId(req.attributedParentId, 'attributed_parent_id'),
  );
  problems.throwIfAny();
  return {
    tenantId,
    meterCode: req.meterCode,
    from,
    to,
    includeDescendants: req.includeDescendants,
    granularity: GRAINS[req.granularity],
    groupBy: GROUPS[req.groupBy],
    attributedParentId,
  };
}

export function usageAnswerToProto(
  a: UsageAnswer,
): MessageInitShape<typeof QueryUsageResponseSchema> {
  return {
    total: formatDecimal(a.total),
    unit: a.unit,
    series: a.series.map((p) => ({ start: toTimestamp(p.start), value: formatDecimal(p.value) })),
    groups: a.groups.map((g) => ({ key: g.key, value: formatDecimal(g.value) })),
  };
}
