import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  actorOf,
  formatApiKey,
  KeyPrincipal,
  newSecret,
  noteAuditTenant,
  notFound,
  parseApiKey,
  Principal,
  Role,
  sha256Hex,
  TenantScope,
} from '@cascade/platform';
import { ApiKeyRow } from '../persistence/api-key.entity';
import { ApiKeyRepository } from '../persistence/api-key.repository';
import { TenantRepository } from '../persistence/tenant.repository';

export interface CreatedKey {
  /** The bearer token: returned once, never stored. */
  token: string;
  key: ApiKeyRow;
}

/**
 * API keys: created for a tenant with one role, listed without secrets,
 * revoked at once. A token is "cascade.<id>.<secret>"; only sha256(secret)
 * is stored, and authentication compares hashes in constant time.
 */
@Injectable()
export class ApiKeyManager {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly tenants: TenantRepository,
    private readonly scope: TenantScope,
  ) {}

  async create(
    principal: Principal,
    input: { tenantId: string; role: Role; name: string },
  ): Promise<CreatedKey> {
    const tenant = await this.tenants.findById(this.tenants.em(), input.tenantId);
    if (!tenant) throw notFound('tenant', input.tenantId);
    const secret = newSecret();
    const actor = actorOf(principal);
    const key: ApiKeyRow = {
      id: randomUUID(),
      tenantId: tenant.id,
      role: input.role,
      name: input.name,
      secretHash: sha256Hex(secret),
      createdBy: actor.kind === 'key' ? actor.keyId : actor.kind,
      createdAt: new Date(),
      revokedAt: null,
    };
    await this.keys.insert(key);
    return { token: formatApiKey(key.id, secret), key };
  }

  async list(tenantId: string, includeRevoked: boolean): Promise<ApiKeyRow[]> {
    if (!(await this.tenants.findById(this.tenants.em(), tenantId)))
      throw notFound('tenant', tenantId);
    return this.keys.list(tenantId, includeRevoked);
  }

  /** Revoking a revoked key returns it unchanged; a key outside the caller's subtree is NOT_FOUND. */
  async revoke(principal: Principal, id: string): Promise<ApiKeyRow> {
    const key = await this.keys.find(id);
    if (!key) throw notFound('api key', id);
    await this.scope.requireAny(principal, [key.tenantId], 'api key', id);
    await noteAuditTenant(key.tenantId);
    return (await this.keys.revoke(id, new Date())) as ApiKeyRow;
  }

  /** The principal a token stands for; undefined for anything but a valid, unrevoked key. */
  async authenticate(token: string): Promise<KeyPrincipal | undefined> {
    const parsed = parseApiKey(token);
    if (!parsed) return undefined;
    const key = await this.keys.find(parsed.id);
    if (!key || key.revokedAt !== null) return undefined;
    const given = Buffer.from(sha256Hex(parsed.secret), 'hex');
    if (!timingSafeEqual(given, Buffer.from(key.secretHash, 'hex'))) return undefined;
    const tenant = await this.tenants.findById(this.tenants.em(), key.tenantId);
    if (!tenant || tenant.status === 'CLOSED') return undefined;
    return {
      kind: 'key',
      keyId: key.id,
      tenantId: tenant.id,
      role: key.role as Role,
      path: tenant.path,
    };
  }
}
