import { MessageInitShape } from '@bufbuild/protobuf';
import { ParentPeriodSchema, TenantKind, TenantSchema, TenantStatus } from '@cascade/contracts';
import { toTimestamp } from '@cascade/platform';
import { TenantRow } from '../persistence/tenant.entity';
import { ParentPeriodRow } from '../persistence/parent-period.entity';
import { idsOf } from './tenant-path';

export function tenantToProto(row: TenantRow): MessageInitShape<typeof TenantSchema> {
  return {
    id: row.id,
    parentId: row.parentId ?? '',
    externalRef: row.externalRef,
    name: row.name,
    kind: TenantKind[row.kind as keyof typeof TenantKind],
    currency: row.currency,
    status: TenantStatus[row.status as keyof typeof TenantStatus],
    path: idsOf(row.path),
    createTime: toTimestamp(row.createdAt),
  };
}

export function parentPeriodToProto(
  row: ParentPeriodRow,
): MessageInitShape<typeof ParentPeriodSchema> {
  return {
    parentId: row.parentId ?? '',
    effectiveFrom: toTimestamp(row.validFrom),
    effectiveTo: row.validTo ? toTimestamp(row.validTo) : undefined,
  };
}
