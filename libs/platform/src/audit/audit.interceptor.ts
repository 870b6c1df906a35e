import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { DescMessage, toJsonString } from '@bufbuild/protobuf';
import { Observable, mergeMap } from 'rxjs';
import { AccessRule } from '../auth/access-policy';
import { requirePrincipal, RequestState } from '../auth/request-context';
import { TENANT_RESOLVER, TenantResolver } from '../auth/resolvers';
import { SECURITY_OPTIONS, SecurityOptions } from '../auth/security-options';
import { ConnectRpcContext, rpcPattern } from '../transport/connect-transport';
import { toConnectError } from '../transport/to-connect-error';
import { Code } from '@connectrpc/connect';
import { AuditLog } from './audit-log';

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

/**
 * Records every successful change in the service's audit log: who (the
 * principal, or the caller a service acted for), what (the RPC and its
 * request), when, on which tenant. A stream of changes (StreamUsage) is
 * recorded when it ends, with how many messages it carried and how it ended.
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
    const record = (outcome: string, response?: unknown, extra?: string) =>
      this.record(pattern, rule, ctx.state, request, response, outcome, extra ?? details);
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        if (isAsyncIterable(value)) return recorded(value, record);
        await record('OK', value);
        return value;
      }),
    );
  }

  private async record(
    pattern: string,
    rule: AccessRule,
    state: RequestState,
    request: unknown,
    response: unknown,
    outcome: string,
    details: string,
  ): Promise<void> {
    const principal = requirePrincipal(state);
    const tenantId = auditTenant(rule, state, request, response, principal);
    let tenantPath = '';
    if (tenantId) {
      try {
        tenantPath = (await this.resolver.pathOf({ id: tenantId })) ?? '';
      } catch {
        tenantPath = '';
      }
    }
    await this.audit.record({ rpc: pattern, principal, tenantId, tenantPath, outcome, details });
  }
}

async function* recorded(
  source: AsyncIterable<unknown>,
  record: (outcome: string, response?: unknown, details?: string) => Promise<void>,
): AsyncGenerator<unknown> {
  let messages = 0;
  let outcome = 'OK';
  try {
    for await (const value of source) {
      messages += 1;
      yield value;
    }
  } catch (error) {
    outcome = Code[toConnectError(error).code];
    throw error;
  } finally {
    await record(outcome, undefined, JSON.stringify({ stream: true, responses: messages }));
  }
}

function auditTenant(
  rule: AccessRule,
  state: RequestState,
  request: unknown,
  response: unknown,
  principal: ReturnType<typeof requirePrincipal>,
): string {
  if (state.auditTenantId) return state.auditTenantId;
  if (rule.auditTenant) return rule.auditTenant(request as never, response as never);
  if (rule.scope.kind === 'tenants') {
    const named = rule.scope.targets(request as never).find((t) => t.ref.id);
    if (named?.ref.id) return named.ref.id;
  }
  const actor = principal.kind === 'service' ? principal.onBehalfOf : principal;
  return actor?.kind === 'key' ? actor.tenantId : '';
}
