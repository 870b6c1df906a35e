import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { DescMessage, toJsonString } from '@bufbuild/protobuf';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { Code } from '@connectrpc/connect';
import { AccessRule } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { requirePrincipal, RequestState } from '../auth/request-context';
import { TENANT_RESOLVER, TenantResolver } from '../auth/resolvers';
import { SECURITY_OPTIONS, SecurityOptions } from '../auth/security-options';
import { ConnectRpcContext, rpcPattern } from '../transport/connect-transport';
import { toConnectError } from '../transport/to-connect-error';
import { AuditLog } from './audit-log';
import { PendingAudit } from './pending-audit';

const MAX_DETAILS = 4000;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}

/** The request as JSON, with batches of events summarised and the whole bounded. */
export function auditDetails(schema: DescMessage, request: unknown): string {
  if (isAsyncIterable(request)) return '{"stream":true}';
  const message = request as { events?: unknown[]; batchId?: string };
  if (Array.isArray(message.events))
    return JSON.stringify({ events: message.events.length, batch_id: message.batchId ?? '' });
  let text: string;
  try {
    text = toJsonString(schema, request as never);
  } catch {
    text = '{}';
  }
  return text.length > MAX_DETAILS ? `${text.slice(0, MAX_DETAILS)}…` : text;
}

/** The gRPC code name of how a call failed, as the audit log keeps it: "INVALID_ARGUMENT". */
export function outcomeOf(error: unknown): string {
  return Code[toConnectError(error).code].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Audits every call of a changing RPC: who (the principal, or the caller a
 * service acted for), what (the RPC and its request), when, on which tenant,
 * and how it ended. The event waits in the request state (PendingAudit) and
 * commits inside the call's first transaction (AuditSubscriber, and the
 * ingest path); a call that committed nothing, or failed, gets its row here,
 * in its own transaction.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityOptions,
    @Inject(TENANT_RESOLVER) private readonly resolver: TenantResolver,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = context.switchToRpc().getContext<ConnectRpcContext>();
    const pattern = rpcPattern(ctx.call.method);
    const rule = this.options.policy[pattern];
    if (!rule?.changes) return next.handle();
    const request: unknown = context.switchToRpc().getData();
    const details = auditDetails(ctx.call.method.input, request);
    return from(this.pending(pattern, rule, ctx.state, request, details)).pipe(
      mergeMap((pending) => {
        ctx.state.audit = pending;
        return next.handle().pipe(
          mergeMap(async (value: unknown) => {
            if (isAsyncIterable(value)) return this.streamed(value, pending);
            await this.finish(pending, 'OK');
            return value;
          }),
          catchError((error: unknown) =>
            from(this.finish(pending, outcomeOf(error))).pipe(
              mergeMap(() => throwError(() => error)),
            ),
          ),
        );
      }),
    );
  }

  /** The call's event, its tenant resolved before any transaction starts. */
  private async pending(
    pattern: string,
    rule: AccessRule,
    state: RequestState,
    request: unknown,
    details: string,
  ): Promise<PendingAudit> {
    const principal = requirePrincipal(state);
    const tenant = requestTenant(rule, request, principal);
    const actor = principal.kind === 'service' ? principal.onBehalfOf : principal;
    const path =
      actor?.kind === 'key' && actor.tenantId === tenant ? actor.path : await this.pathOf(tenant);
    const call = {
      rpc: pattern,
      principal,
      details,
      stream: isAsyncIterable(request),
    };
    return new PendingAudit(call, { id: tenant, path }, this.audit, (id) => this.pathOf(id));
  }

  private async pathOf(tenantId: string): Promise<string> {
    if (!tenantId) return '';
    try {
      return (await this.resolver.pathOf({ id: tenantId })) ?? '';
    } catch {
      return '';
    }
  }

  private async finish(pending: PendingAudit, outcome: string): Promise<void> {
    const left = pending.finish(outcome);
    if (left) await this.audit.record(left);
  }

  private async *streamed(source: AsyncIterable<unknown>, pending: PendingAudit) {
    let outcome = 'OK';
    try {
      yield* source;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      await this.finish(pending, outcome);
    }
  }
}

/** The tenant a call names (the first target), else the caller's own; '' for installation-wide calls. */
function requestTenant(rule: AccessRule, request: unknown, principal: Principal): string {
  if (rule.scope.kind === 'tenants') {
    const named = rule.scope.targets(request as never).find((t) => t.ref.id);
    if (named?.ref.id) return named.ref.id;
  }
  const actor = principal.kind === 'service' ? principal.onBehalfOf : principal;
  return actor?.kind === 'key' ? actor.tenantId : '';
}
