import type { Principal } from './session-api';

/** The tenant a principal starts at: its key's tenant; the operator starts at the list of roots. */
export function homeTenant(principal: Principal): string | undefined {
  return principal.kind === 'key' ? principal.tenantId : undefined;
}

/** Whether the principal may change what a seller sells (invoices, plans): the API decides, the page only hides buttons. */
export function canManage(
  principal: Principal,
  sellerPath: readonly string[] | undefined,
): boolean {
  if (principal.kind === 'operator') return true;
  return principal.role === 'ADMIN' && (sellerPath ?? []).includes(principal.tenantId);
}

/** The part of a tenant's path the principal may open: from its own tenant down. */
export function visiblePath(principal: Principal, path: readonly string[]): string[] {
  if (principal.kind === 'operator') return [...path];
  const from = path.indexOf(principal.tenantId);
  return from < 0 ? [] : path.slice(from);
}
