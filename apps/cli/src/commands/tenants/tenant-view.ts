import { toJson } from '@bufbuild/protobuf';
import { Tenant, TenantKind, TenantSchema, TenantStatus } from '@cascade/contracts';
import { Ctx } from '../../core/context';
import { Column, printList, printRecord } from '../../core/output';

export const kindName = (t: Tenant) => TenantKind[t.kind] ?? String(t.kind);
export const statusName = (t: Tenant) => TenantStatus[t.status] ?? String(t.status);

export const TENANT_COLUMNS: Column<Tenant>[] = [
  { header: 'external_ref', value: (t) => t.externalRef },
  { header: 'name', value: (t) => t.name },
  { header: 'kind', value: kindName },
  { header: 'currency', value: (t) => t.currency },
  { header: 'status', value: statusName },
  { header: 'id', value: (t) => t.id },
  { header: 'parent_id', value: (t) => t.parentId },
];

export function printTenant(ctx: Ctx, tenant: Tenant): void {
  printRecord(
    ctx.out,
    ctx.format,
    TENANT_COLUMNS.map((c) => [c.header, c.value(tenant)]),
    toJson(TenantSchema, tenant),
  );
}

export function printTenants(ctx: Ctx, tenants: Tenant[]): void {
  printList(ctx.out, ctx.format, tenants, TENANT_COLUMNS, (t) => toJson(TenantSchema, t));
}
