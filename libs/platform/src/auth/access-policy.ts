import type { DescService } from '@bufbuild/protobuf';
import type { Role } from './principal';

/** A tenant named by a request: by id, or (metering's GetTenant) by external ref. */
export interface TenantRef {
  id?: string;
  externalRef?: string;
}

/** One tenant a call acts on, as the request names it. */
export interface TenantTarget {
  /** The request field, for messages: "parent_id". */
  field: string;
  ref: TenantRef;
  /** What the tenant is, for NOT_FOUND messages: "tenant", "plan seller". */
  label?: string;
  /**
   * Left empty: 'operator' means only the installation operator may (e.g. a root
   * tenant); 'service' means the application service narrows or refuses it
   * itself (a list filtered to the caller's subtree).
   */
  ifEmpty: 'operator' | 'service';
  /** Only strictly below the caller's own tenant: a tenant's own record is its seller's to manage. */
  below?: boolean;
}

/**
 * How the guard finds what a call acts on:
 * - tenants: the tenants the request names must be in the caller's subtree;
 * - resource: the application service loads the resource and checks it with
 *   the principal (GetInvoice(id) cannot be placed in the tree before loading);
 * - events: each usage event's tenant is checked by the usage service, and
 *   events outside the caller's subtree are rejected like unknown tenants;
 * - catalog: installation-wide reference data every authenticated caller reads;
 * - installation: acts on every tree at once: the operator only;
 * - service: only the Cascade services themselves (the service credential).
 */
export type AccessScope =
  | { kind: 'tenants'; targets: (request: never) => TenantTarget[] }
  | { kind: 'resource'; what: string }
  | { kind: 'events' }
  | { kind: 'catalog' }
  | { kind: 'installation' }
  | { kind: 'service' };

export interface AccessRule {
  /** Roles of API keys that may call; the operator and the services always may. */
  roles: readonly Role[];
  scope: AccessScope;
  /** The call changes state: it is recorded in the audit log. */
  changes: boolean;
}

/** "package.Service/Method" → rule. An RPC without a rule is refused, and fails the tests. */
export type AccessPolicy = Readonly<Record<string, AccessRule>>;

export const READERS: readonly Role[] = ['ADMIN', 'VIEWER'];
export const ADMINS: readonly Role[] = ['ADMIN'];
export const INGESTERS: readonly Role[] = ['ADMIN', 'INGEST'];
export const EVERY_ROLE: readonly Role[] = ['ADMIN', 'VIEWER', 'INGEST'];

/** A tenants scope from a typed request. */
export function tenants<Req>(targets: (request: Req) => TenantTarget[]): AccessScope {
  return { kind: 'tenants', targets: targets as (request: never) => TenantTarget[] };
}

/** One target by id. */
export function tenantId(
  field: string,
  id: string,
  options: Partial<Pick<TenantTarget, 'label' | 'ifEmpty' | 'below'>> = {},
): TenantTarget {
  return { field, ref: { id }, ifEmpty: options.ifEmpty ?? 'operator', ...options };
}

/** Every RPC of the given services that has no rule, and every rule that names no RPC. */
export function policyGaps(
  policy: AccessPolicy,
  services: readonly DescService[],
): { missing: string[]; unknown: string[] } {
  const served = services.flatMap((s) => s.methods.map((m) => `${s.typeName}/${m.name}`));
  return {
    missing: served.filter((pattern) => !policy[pattern]),
    unknown: Object.keys(policy).filter((pattern) => !served.includes(pattern)),
  };
}
