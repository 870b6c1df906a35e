/**
 * Who is calling. Three kinds:
 * - the installation operator (CASCADE_ADMIN_TOKEN): ADMIN on every tree, may create roots;
 * - an API key of a tenant: one role, acting on that tenant's subtree only;
 * - a Cascade service (CASCADE_SERVICE_TOKEN), calling a peer on behalf of the
 *   caller it is serving, whose identity it forwards.
 */
export const ROLES = ['ADMIN', 'VIEWER', 'INGEST'] as const;
export type Role = (typeof ROLES)[number];

export interface OperatorPrincipal {
  kind: 'operator';
}

export interface KeyPrincipal {
  kind: 'key';
  keyId: string;
  tenantId: string;
  role: Role;
  /** The key's tenant's materialized path, "/root/…/id/", as of authentication. */
  path: string;
}

/** A caller outside any service: what a service forwards on behalf of. */
export type CallerPrincipal = OperatorPrincipal | KeyPrincipal;

export interface ServicePrincipal {
  kind: 'service';
  /** The caller the upstream service is serving; absent for the service's own work. */
  onBehalfOf?: CallerPrincipal;
}

export type Principal = CallerPrincipal | ServicePrincipal;

export const OPERATOR: OperatorPrincipal = Object.freeze({ kind: 'operator' });

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when the principal may act on every tree (operator, or a service). */
export function actsOnEveryTree(principal: Principal): boolean {
  return principal.kind !== 'key';
}

/** True when a tenant at `path` is the principal's own tenant or below it. */
export function withinScope(principal: Principal, path: string): boolean {
  return principal.kind !== 'key' || path.startsWith(principal.path);
}

/** The caller a change is attributed to: the forwarded one when a service acts for it. */
export function actorOf(principal: Principal): CallerPrincipal | ServicePrincipal {
  return principal.kind === 'service' && principal.onBehalfOf ? principal.onBehalfOf : principal;
}

export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case 'operator':
      return 'operator';
    case 'key':
      return `key ${principal.keyId} (${principal.role} of tenant ${principal.tenantId})`;
    case 'service':
      return principal.onBehalfOf
        ? `service on behalf of ${describePrincipal(principal.onBehalfOf)}`
        : 'service';
  }
}

/**
 * The forwarded caller as a header value (base64url JSON). Trusted by the
 * receiving service only when the same request carries the service credential.
 */
export function encodeForwarded(principal: CallerPrincipal): string {
  return Buffer.from(JSON.stringify(principal), 'utf8').toString('base64url');
}

export function decodeForwarded(value: string): CallerPrincipal | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const p = parsed as Record<string, unknown>;
  if (p.kind === 'operator') return OPERATOR;
  if (
    p.kind === 'key' &&
    typeof p.keyId === 'string' &&
    typeof p.tenantId === 'string' &&
    typeof p.role === 'string' &&
    isRole(p.role) &&
    typeof p.path === 'string' &&
    p.path.startsWith('/') &&
    p.path.endsWith('/')
  ) {
    return { kind: 'key', keyId: p.keyId, tenantId: p.tenantId, role: p.role, path: p.path };
  }
  return undefined;
}

/** The subtree a principal reaches, as a path prefix: "/" for the operator and the services. */
export function scopePath(principal: Principal): string {
  return principal.kind === 'key' ? principal.path : '/';
}
