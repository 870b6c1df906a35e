import { Injectable } from '@nestjs/common';
import { Code, ConnectError } from '@connectrpc/connect';
import { ApiKeyService, Role, TenantService } from '@cascade/contracts';
import { AppError } from '../errors';
import { peerClient } from '../clients/peer-client';
import { peerUrl } from '../service-config';
import { serviceAuth } from './call-auth';
import type { TenantRef } from './access-policy';
import type { KeyPrincipal } from './principal';
import { parseApiKey } from './secrets';

/** Resolves an API key token to its principal; undefined when unknown or revoked. */
export interface KeyAuthenticator {
  authenticate(token: string): Promise<KeyPrincipal | undefined>;
}

/** Where a tenant sits in its tree, "/root/…/id/"; undefined when there is no such tenant. */
export interface TenantResolver {
  pathOf(ref: TenantRef): Promise<string | undefined>;
}

export const KEY_AUTHENTICATOR = Symbol('KEY_AUTHENTICATOR');
export const TENANT_RESOLVER = Symbol('TENANT_RESOLVER');

/** "/a/b/" from ["a", "b"]. */
export function pathFromIds(ids: readonly string[]): string {
  return `/${ids.map((id) => `${id}/`).join('')}`;
}

function unavailable(what: string, error: unknown): AppError {
  return new AppError(
    'UNAVAILABLE',
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

const ROLE_NAMES: Partial<Record<Role, KeyPrincipal['role']>> = {
  [Role.ADMIN]: 'ADMIN',
  [Role.VIEWER]: 'VIEWER',
  [Role.INGEST]: 'INGEST',
};

/**
 * Rating and invoicing ask metering, which owns the keys, on every call: no
 * cache, so a revoked key stops working everywhere at once.
 */
@Injectable()
export class RemoteKeyAuthenticator implements KeyAuthenticator {
  private readonly keys = peerClient(ApiKeyService, {
    baseUrl: peerUrl('metering'),
    timeoutMs: 10_000,
    auth: serviceAuth(),
  });

  async authenticate(token: string): Promise<KeyPrincipal | undefined> {
    if (!parseApiKey(token)) return undefined;
    try {
      const p = await this.keys.authenticate({ token });
      const role = ROLE_NAMES[p.role];
      if (!role) return undefined;
      return { kind: 'key', keyId: p.keyId, tenantId: p.tenantId, role, path: pathFromIds(p.path) };
    } catch (error) {
      if (error instanceof ConnectError && error.code === Code.Unauthenticated) return undefined;
      throw unavailable('metering Authenticate', error);
    }
  }
}

/** Tenant paths from metering, asked on every check: a move takes effect at once. */
@Injectable()
export class RemoteTenantResolver implements TenantResolver {
  private readonly tenants = peerClient(TenantService, {
    baseUrl: peerUrl('metering'),
    timeoutMs: 10_000,
    auth: serviceAuth(),
  });

  async pathOf(ref: TenantRef): Promise<string | undefined> {
    if (!ref.id === !ref.externalRef) return undefined;
    try {
      const tenant = await this.tenants.getTenant({
        id: ref.id ?? '',
        externalRef: ref.externalRef ?? '',
      });
      return pathFromIds(tenant.path);
    } catch (error) {
      if (
        error instanceof ConnectError &&
        (error.code === Code.NotFound || error.code === Code.InvalidArgument)
      )
        return undefined;
      throw unavailable('metering GetTenant', error);
    }
  }
}
