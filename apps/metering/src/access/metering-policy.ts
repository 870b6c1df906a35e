import {
  ApiKeyService,
  AuditService,
  MeterService,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import type {
  CreateApiKeyRequest,
  CreateTenantRequest,
  GetTenantHistoryRequest,
  GetTenantRequest,
  ImportTenantsRequest,
  ListApiKeysRequest,
  ListTenantsRequest,
  MoveTenantRequest,
  QueryUsageRequest,
  SummarizeTreeRequest,
  UpdateTenantRequest,
} from '@cascade/contracts';
import {
  AccessPolicy,
  ADMINS,
  AUDIT_POLICY,
  EVERY_ROLE,
  INGESTERS,
  READERS,
  tenantId,
  TenantTarget,
  tenants,
} from '@cascade/platform';

const TENANTS = 'cascade.metering.v1.TenantService';

/** Each parent an import names that no earlier row of it creates, once; a root row as an empty one. */
function storedParents(request: ImportTenantsRequest): TenantTarget[] {
  const inBatch = new Set<string>();
  const named = new Set<string>();
  const targets: TenantTarget[] = [];
  request.tenants.forEach((row, i) => {
    const parent = row.parentExternalRef;
    if (!inBatch.has(parent) && !named.has(parent)) {
      named.add(parent);
      targets.push({
        field: `tenants[${i}].parent_external_ref`,
        ref: { externalRef: parent },
        label: 'parent tenant',
        ifEmpty: 'operator',
      });
    }
    inBatch.add(row.externalRef);
  });
  return targets;
}
const METERS = 'cascade.metering.v1.MeterService';
const USAGE = 'cascade.metering.v1.UsageService';
const KEYS = 'cascade.metering.v1.ApiKeyService';

/**
 * Who may call each metering RPC, and on which tenants (docs/SECURITY.md).
 * The operator and the services pass every rule but `service`; an API key
 * needs its role listed and every tenant named inside its own subtree.
 */
export const meteringPolicy: AccessPolicy = {
  // A root has no parent: only the operator creates one.
  [`${TENANTS}/CreateTenant`]: {
    roles: ADMINS,
    scope: tenants((r: CreateTenantRequest) => [
      tenantId('parent_id', r.parentId, { label: 'parent tenant' }),
    ]),
    changes: true,
  },
  // The parents a batch does not create itself must be in the caller's subtree; roots are the operator's.
  [`${TENANTS}/ImportTenants`]: {
    roles: ADMINS,
    scope: tenants((r: ImportTenantsRequest) => storedParents(r)),
    changes: true,
  },
  [`${TENANTS}/GetTenant`]: {
    roles: READERS,
    scope: tenants((r: GetTenantRequest) => [
      { field: 'id', ref: { id: r.id, externalRef: r.externalRef }, ifEmpty: 'service' },
    ]),
    changes: false,
  },
  // An empty parent_id lists what the caller can see: its own tenant (and below, recursive).
  [`${TENANTS}/ListTenants`]: {
    roles: READERS,
    scope: tenants((r: ListTenantsRequest) => [
      tenantId('parent_id', r.parentId, { ifEmpty: 'service' }),
    ]),
    changes: false,
  },
  // A tenant's own name and status are its seller's to change.
  [`${TENANTS}/UpdateTenant`]: {
    roles: ADMINS,
    scope: tenants((r: UpdateTenantRequest) => [tenantId('id', r.id, { below: true })]),
    changes: true,
  },
  [`${TENANTS}/MoveTenant`]: {
    roles: ADMINS,
    scope: tenants((r: MoveTenantRequest) => [
      tenantId('id', r.id, { below: true }),
      tenantId('new_parent_id', r.newParentId, { label: 'new parent tenant' }),
    ]),
    changes: true,
  },
  [`${TENANTS}/GetTenantHistory`]: {
    roles: READERS,
    scope: tenants((r: GetTenantHistoryRequest) => [tenantId('id', r.id)]),
    changes: false,
  },
  [`${TENANTS}/ListBillingEdges`]: {
    roles: ADMINS,
    scope: { kind: 'installation' },
    changes: false,
  },
  // Meters are one catalog for the installation.
  [`${METERS}/CreateMeter`]: { roles: ADMINS, scope: { kind: 'installation' }, changes: true },
  [`${METERS}/ListMeters`]: { roles: EVERY_ROLE, scope: { kind: 'catalog' }, changes: false },
  [`${USAGE}/RecordUsage`]: { roles: INGESTERS, scope: { kind: 'events' }, changes: true },
  [`${USAGE}/StreamUsage`]: { roles: INGESTERS, scope: { kind: 'events' }, changes: true },
  // The quantity of the edge parent → tenant is the tenant's own usage: tenant_id decides.
  [`${USAGE}/QueryUsage`]: {
    roles: READERS,
    scope: tenants((r: QueryUsageRequest) => [tenantId('tenant_id', r.tenantId)]),
    changes: false,
  },
  // A level of the tree below a node the caller sees: its children are inside its subtree too.
  [`${USAGE}/SummarizeTree`]: {
    roles: READERS,
    scope: tenants((r: SummarizeTreeRequest) => [
      {
        field: r.tenantId || !r.tenantExternalRef ? 'tenant_id' : 'tenant_external_ref',
        ref: { id: r.tenantId, externalRef: r.tenantExternalRef },
        ifEmpty: 'operator',
      },
    ]),
    changes: false,
  },
  [`${USAGE}/ListEdgeUsage`]: {
    roles: ADMINS,
    scope: { kind: 'installation' },
    changes: false,
  },
  [`${KEYS}/CreateApiKey`]: {
    roles: ADMINS,
    scope: tenants((r: CreateApiKeyRequest) => [tenantId('tenant_id', r.tenantId)]),
    changes: true,
  },
  [`${KEYS}/ListApiKeys`]: {
    roles: ADMINS,
    scope: tenants((r: ListApiKeysRequest) => [tenantId('tenant_id', r.tenantId)]),
    changes: false,
  },
  [`${KEYS}/RevokeApiKey`]: {
    roles: ADMINS,
    scope: { kind: 'resource', what: "the key's tenant" },
    changes: true,
  },
  [`${KEYS}/Authenticate`]: { roles: [], scope: { kind: 'service' }, changes: false },
  ...AUDIT_POLICY,
};

/** Everything metering serves (grpc.health.v1 aside); each RPC has a rule above. */
export const METERING_SERVICES = [
  TenantService,
  MeterService,
  UsageService,
  ApiKeyService,
  AuditService,
] as const;
