import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors';
import type { Principal } from './principal';

/** What one RPC carries through its async work: who called, and what the audit log needs. */
export interface RequestState {
  principal?: Principal;
  /** The tenant a change acted on, when only the application service can tell (GetInvoice(id)). */
  auditTenantId?: string;
}

const storage = new AsyncLocalStorage<RequestState>();

/** Runs `fn` (and everything it starts) as part of the request whose state is given. */
export function runInRequest<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

/** The state of the request being served, if any. */
export function currentRequest(): RequestState | undefined {
  return storage.getStore();
}

/**
 * The authenticated caller of the request being served. Every RPC passes the
 * guard first, so a handler without one is a wiring fault, refused as such.
 */
export function requirePrincipal(state: RequestState | undefined = currentRequest()): Principal {
  const principal = state?.principal;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'no authenticated caller');
  return principal;
}

/** Names the tenant a resource-scoped change acted on, for the audit log. */
export function noteAuditTenant(tenantId: string): void {
  const state = currentRequest();
  if (state) state.auditTenantId = tenantId;
}
