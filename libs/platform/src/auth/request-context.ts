import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors';
import type { PendingAudit } from '../audit/pending-audit';
import type { Principal } from './principal';

/** What one RPC carries through its async work: who called, and what the audit log needs. */
export interface RequestState {
  principal?: Principal;
  /** The audit event of a changing call, until a transaction carries it. */
  audit?: PendingAudit;
}

const storage = new AsyncLocalStorage<RequestState>();

/** Runs `fn` (and everything it starts) as part of the request whose state is given. */
export function runInRequest<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

/**
 * Runs `fn` (and everything it starts) as part of no request: background work
 * a request merely triggers must not carry its caller or claim its audit row.
 */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
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

/**
 * Names the tenant a resource-scoped change acted on, for the audit log.
 * Call it before the change's transaction, or give the path: a transaction
 * must not wait for a lookup (on SQLite's one connection it would wait forever).
 */
export async function noteAuditTenant(tenantId: string, path?: string): Promise<void> {
  await currentRequest()?.audit?.noteTenant(tenantId, path);
}
