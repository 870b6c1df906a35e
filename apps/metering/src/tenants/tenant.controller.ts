import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  CreateTenantRequest,
  GetTenantHistoryRequest,
  GetTenantRequest,
  ImportTenantsRequest,
  ListBillingEdgesRequest,
  ListTenantsRequest,
  MoveTenantRequest,
  TenantKind,
  UpdateTenantRequest,
} from '@cascade/contracts';
import {
  FieldProblems,
  invalidArgument,
  requiredInstant,
  requiredPeriod,
  requirePrincipal,
  scopePath,
  toTimestamp,
} from '@cascade/platform';
import { tenantChanges } from './tenant-changes';
import { TenantService } from './tenant.service';
import { TenantImportService } from './tenant-import.service';
import {
  offsetPageToken,
  optionalId,
  requireCurrency,
  requirePageSize,
  requireTenantPageToken,
  requireText,
  TENANT_KINDS,
  TenantKind as Kind,
} from './tenant-input';
import { parentPeriodToProto, tenantToProto } from './tenant.mapper';

const SERVICE = 'cascade.metering.v1.TenantService';

function kindFromProto(kind: TenantKind): Kind {
  const name = TenantKind[kind]?.replace('TENANT_KIND_', '');
  if (!name || !(TENANT_KINDS as readonly string[]).includes(name))
    throw invalidArgument('kind', 'must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER');
  return name as Kind;
}

@Controller()
export class TenantController {
  constructor(
    private readonly tenants: TenantService,
    private readonly imports: TenantImportService,
  ) {}

  @MessagePattern(`${SERVICE}/CreateTenant`)
  async create(req: CreateTenantRequest) {
    // Every field checked, so one answer names every bad one.
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const input = {
      parentId: field(() => optionalId(req.parentId, 'parent_id')),
      externalRef: field(() => requireText(req.externalRef, 'external_ref')),
      name: field(() => requireText(req.name, 'name')),
      kind: field(() => kindFromProto(req.kind)),
      currency: field(() => requireCurrency(req.currency)),
    };
    problems.throwIfAny();
    const tenant = await this.tenants.create(input);
    return tenantToProto(tenant);
  }

  @MessagePattern(`${SERVICE}/ImportTenants`)
  async import(req: ImportTenantsRequest) {
    const result = await this.imports.import(
      req.tenants.map((row) => ({
        externalRef: row.externalRef,
        parentExternalRef: row.parentExternalRef,
        name: row.name,
        kind: TenantKind[row.kind]?.replace('TENANT_KIND_', ''),
        currency: row.currency,
      })),
      req.validateOnly,
    );
    return {
      tenants: result.tenants.map(tenantToProto),
      created: result.created,
      unchanged: result.unchanged,
    };
  }

  @MessagePattern(`${SERVICE}/GetTenant`)
  async get(req: GetTenantRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const by = {
      id: field(() => optionalId(req.id, 'id')),
      externalRef: field(() => optionalId(req.externalRef, 'external_ref')),
    };
    problems.throwIfAny();
    return tenantToProto(await this.tenants.get(by));
  }

  @MessagePattern(`${SERVICE}/ListTenants`)
  async list(req: ListTenantsRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const parentId = field(() => optionalId(req.parentId, 'parent_id'));
    const size = field(() => requirePageSize(req.pageSize));
    const pageToken = field(() => requireTenantPageToken(req.pageToken));
    problems.throwIfAny();
    const page = await this.tenants.list(
      parentId,
      req.recursive,
      size,
      pageToken,
      scopePath(requirePrincipal()),
    );
    return { tenants: page.tenants.map(tenantToProto), nextPageToken: page.nextPageToken };
  }

  @MessagePattern(`${SERVICE}/UpdateTenant`)
  async update(req: UpdateTenantRequest) {
    const change = tenantChanges(req);
    return tenantToProto(await this.tenants.update(change.id, change.name, change.status));
  }

  @MessagePattern(`${SERVICE}/MoveTenant`)
  async move(req: MoveTenantRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const id = field(() => requireText(req.id, 'id'));
    const newParentId = field(() => requireText(req.newParentId, 'new_parent_id'));
    const effectiveAt = field(() => requiredInstant(req.effectiveAt, 'effective_at'));
    problems.throwIfAny();
    const tenant = await this.tenants.move(id, newParentId, effectiveAt);
    return tenantToProto(tenant);
  }

  @MessagePattern(`${SERVICE}/ListBillingEdges`)
  async edges(req: ListBillingEdgesRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const { start, end } = requiredPeriod(req, problems);
    const size = field(() => requirePageSize(req.pageSize));
    const offset = field(() => offsetPageToken(req.pageToken));
    problems.throwIfAny();
    const page = await this.tenants.edges(start, end, size, offset);
    return {
      edges: page.edges.map((e) => ({ ...e, from: toTimestamp(e.from), to: toTimestamp(e.to) })),
      nextPageToken: page.nextPageToken,
    };
  }

  @MessagePattern(`${SERVICE}/GetTenantHistory`)
  async history(req: GetTenantHistoryRequest) {
    await this.tenants.get({ id: requireText(req.id, 'id'), externalRef: '' });
    return { parents: (await this.tenants.history(req.id)).map(parentPeriodToProto) };
  }
}
