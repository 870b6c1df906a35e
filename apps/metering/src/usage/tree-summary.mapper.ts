import { MessageInitShape } from '@bufbuild/protobuf';
import { SummarizeTreeRequest, SummarizeTreeResponseSchema } from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { FieldProblems, requireAfter, requiredInstant } from '@cascade/platform';
import { offsetPageToken, optionalId, requirePageSize } from '../tenants/tenant-input';
import { tenantToProto } from '../tenants/tenant.mapper';
import { MeterQuantity, TreeSummary, TreeSummaryQuery } from './tree-summary.service';

/** A SummarizeTree's query, every field checked: one INVALID_ARGUMENT names every bad field. */
export function treeSummaryQueryFromProto(req: SummarizeTreeRequest): TreeSummaryQuery {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const id = field(() => optionalId(req.tenantId, 'tenant_id'));
  const externalRef = field(() => optionalId(req.tenantExternalRef, 'tenant_external_ref'));
  if (!req.tenantId === !req.tenantExternalRef)
    problems.add('tenant_id', 'exactly one of tenant_id and tenant_external_ref is required');
  req.meterCodes.forEach((code, i) => {
    if (!code) problems.add(`meter_codes[${i}]`, 'must not be empty');
    else if (code.length > 128) problems.add(`meter_codes[${i}]`, 'must be at most 128 characters');
  });
  const from = field(() => requiredInstant(req.from, 'from'));
  const to = field(() => requiredInstant(req.to, 'to'));
  problems.check(() => requireAfter(from, to, ['from', 'to']));
  const pageSize = field(() => requirePageSize(req.pageSize));
  const offset = field(() => offsetPageToken(req.pageToken));
  problems.throwIfAny();
  return { tenant: { id, externalRef }, from, to, meterCodes: req.meterCodes, pageSize, offset };
}

const totalsToProto = (totals: readonly MeterQuantity[]) =>
  totals.map((t) => ({
    meterCode: t.meter.code,
    quantity: formatDecimal(t.quantity),
    unit: t.meter.unit,
  }));

export function treeSummaryToProto(
  s: TreeSummary,
): MessageInitShape<typeof SummarizeTreeResponseSchema> {
  return {
    tenant: tenantToProto(s.tenant),
    own: totalsToProto(s.own),
    subtree: totalsToProto(s.subtree),
    children: s.children.map((c) => ({
      tenant: tenantToProto(c.tenant),
      totals: totalsToProto(c.totals),
      childCount: c.childCount,
    })),
    nextPageToken: s.nextPageToken,
  };
}
