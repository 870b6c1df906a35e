import { AppError } from '../errors';
import type { Principal } from './principal';
import { withinScope } from './principal';
import type { TenantResolver } from './resolvers';

/** A tenant id field may name the tenant by its external_ref instead: "ref:<external_ref>". */
export const TENANT_REF_PREFIX = 'ref:';

/** Request fields (as protobuf-es names them) that hold a tenant id in every service. */
const TENANT_ID_KEY = /^(tenantId|parentId|newParentId|\w+TenantId)$/;
/** TenantService's own `id` fields are tenant ids too. */
const TENANT_SERVICE = 'cascade.metering.v1.TenantService/';

function isTenantIdKey(pattern: string, key: string): boolean {
  return TENANT_ID_KEY.test(key) || (key === 'id' && pattern.startsWith(TENANT_SERVICE));
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Rewrites every top-level tenant id field written "ref:<external_ref>" to the id it
 * names, in place, before the access policy reads the request: scopes then apply to
 * the resolved id. A ref resolves within the caller's own subtree only (the operator
 * and the services reach every tree), so a ref outside it names nothing, exactly as
 * an unknown one does: NOT_FOUND naming the field.
 */
export async function resolveTenantRefs(
  pattern: string,
  request: unknown,
  principal: Principal,
  resolver: TenantResolver,
): Promise<void> {
  if (typeof request !== 'object' || request === null) return;
  const fields = request as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (!isTenantIdKey(pattern, key)) continue;
    if (typeof value === 'string' && value.startsWith(TENANT_REF_PREFIX))
      fields[key] = await resolveOne(snake(key), value, principal, resolver);
    else if (Array.isArray(value))
      for (const [i, item] of value.entries())
        if (typeof item === 'string' && item.startsWith(TENANT_REF_PREFIX))
          value[i] = await resolveOne(`${snake(key)}[${i}]`, item, principal, resolver);
  }
}

async function resolveOne(
  field: string,
  value: string,
  principal: Principal,
  resolver: TenantResolver,
): Promise<string> {
  const externalRef = value.slice(TENANT_REF_PREFIX.length);
  const path = externalRef ? await resolver.pathOf({ externalRef }) : undefined;
  if (!path || !withinScope(principal, path))
    throw new AppError(
      'NOT_FOUND',
      `${field}: no tenant with external_ref ${JSON.stringify(externalRef)}`,
    );
  // A path is "/root/…/id/": the tenant's own id is its last step.
  return path.split('/').filter(Boolean).at(-1) as string;
}
