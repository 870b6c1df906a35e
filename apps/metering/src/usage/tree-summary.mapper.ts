import { MessageInitShape } from '@bufbuild/protobuf';
import { SummarizeTreeRequest, SummarizeTreeResponseSchema } from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { invalidArgument, requiredInstant } from '@cascade/platform';
import { optionalId } from '../tenants/tenant-input';
import { tenantToProto } from '../tenants/tenant.mapper';
import { MeterQuantity, TreeSummary, TreeSummaryQuery } from './tree-summary.service';

export function treeSummaryQueryFromProto(req: SummarizeTreeRequest): TreeSummaryQuery {
  const id = optionalId(req.tenantId, 'tenant_id');
  const externalRef = optionalId(req.tenantExternalRef, 'tenant_external_ref');
  if (!id === !externalRef)
    throw invalidArgument(
      'tenant_id',
      'exactly one of tenant_id and tenant_external_ref is required',
    );
  req.meterCodes.forEach((code, i) => {
    if (!code) throw invalidArgument(`meter_codes[${i}]`, 'must not be empty');
    if (code.length > 128)
      throw invalidArgument(`meter_codes[${i}]`, 'must be at most 128 characters');
  });
  if (req.pageToken.length > 32)
    throw invalidArgument('page_token', 'is not a token this service issued');
  return {
    tenant: { id, externalRef },
    from: requiredInstant(req.from, 'from'),
    to: requiredInstant(req.to, 'to'),
    meterCodes: req.meterCodes,
    pageSize: req.pageSize,
    pageToken: req.pageToken,
  };
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
