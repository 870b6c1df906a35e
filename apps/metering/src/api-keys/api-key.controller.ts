import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { MessageInitShape } from '@bufbuild/protobuf';
import {
  ApiKeySchema,
  AuthenticateRequest,
  CreateApiKeyRequest,
  ListApiKeysRequest,
  RevokeApiKeyRequest,
  Role,
} from '@cascade/contracts';
import {
  AppError,
  ConnectRpcContext,
  FieldProblems,
  invalidArgument,
  Role as RoleName,
  requirePrincipal,
  toTimestamp,
} from '@cascade/platform';
import { ApiKeyRow } from '../persistence/api-key.entity';
import { requireId } from '../tenants/tenant-input';
import { idsOf } from '../tenants/tenant-path';
import { ApiKeyManager } from './api-key-manager';

const SERVICE = 'cascade.metering.v1.ApiKeyService';

const ROLES: Partial<Record<Role, RoleName>> = {
  [Role.ADMIN]: 'ADMIN',
  [Role.VIEWER]: 'VIEWER',
  [Role.INGEST]: 'INGEST',
};

function roleFromProto(role: Role): RoleName {
  const name = ROLES[role];
  if (!name) throw invalidArgument('role', 'must be ROLE_ADMIN, ROLE_VIEWER or ROLE_INGEST');
  return name;
}

export function apiKeyToProto(row: ApiKeyRow): MessageInitShape<typeof ApiKeySchema> {
  return {
    id: row.id,
    tenantId: row.tenantId,
    role: Role[row.role as keyof typeof Role],
    name: row.name,
    createTime: toTimestamp(row.createdAt),
    revokeTime: row.revokedAt ? toTimestamp(row.revokedAt) : undefined,
    createdBy: row.createdBy,
  };
}

@Controller()
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyManager) {}

  @MessagePattern(`${SERVICE}/CreateApiKey`)
  async create(@Payload() req: CreateApiKeyRequest, @Ctx() ctx: ConnectRpcContext) {
    // Every field checked, so one answer names every bad one.
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const input = {
      tenantId: field(() => requireId(req.tenantId, 'tenant_id')),
      role: field(() => roleFromProto(req.role)),
      name: req.name.trim(),
    };
    if (input.name.length > 255) problems.add('name', 'must be at most 255 characters');
    problems.throwIfAny();
    const created = await this.keys.create(requirePrincipal(ctx.state), input);
    return { secret: created.token, apiKey: apiKeyToProto(created.key) };
  }

  @MessagePattern(`${SERVICE}/ListApiKeys`)
  async list(@Payload() req: ListApiKeysRequest) {
    const rows = await this.keys.list(requireId(req.tenantId, 'tenant_id'), req.includeRevoked);
    return { apiKeys: rows.map(apiKeyToProto) };
  }

  @MessagePattern(`${SERVICE}/RevokeApiKey`)
  async revoke(@Payload() req: RevokeApiKeyRequest, @Ctx() ctx: ConnectRpcContext) {
    return apiKeyToProto(
      await this.keys.revoke(requirePrincipal(ctx.state), requireId(req.id, 'id')),
    );
  }

  @MessagePattern(`${SERVICE}/Authenticate`)
  async authenticate(@Payload() req: AuthenticateRequest) {
    const principal = await this.keys.authenticate(req.token);
    if (!principal) throw new AppError('UNAUTHENTICATED', 'token: unknown or revoked');
    return {
      tenantId: principal.tenantId,
      role: Role[principal.role],
      path: idsOf(principal.path),
      keyId: principal.keyId,
    };
  }
}
