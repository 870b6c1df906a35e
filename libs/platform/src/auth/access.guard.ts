import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { AppError, notFound } from '../errors';
import { AuditLog } from '../audit/audit-log';
import { ConnectRpcContext, rpcPattern } from '../transport/connect-transport';
import { CONNECTION_IDENTITY, ConnectionIdentity } from '../tls/connection-identity';
import { AccessRule, policyGaps, TenantTarget } from './access-policy';
import { describePrincipal, decodeForwarded, KeyPrincipal, OPERATOR, Principal } from './principal';
import { resolveTenantRefs } from './tenant-refs';
import { KEY_AUTHENTICATOR, KeyAuthenticator, TENANT_RESOLVER, TenantResolver } from './resolvers';
import {
  AUTHORIZATION_HEADER,
  bearerToken,
  FORWARDED_PRINCIPAL_HEADER,
  sameSecret,
  StaticCredentials,
} from './secrets';
import { SECURITY_OPTIONS, SecurityOptions, STATIC_CREDENTIALS } from './security-options';

/** Why a call was refused, as the caller sees it and as the audit log keeps it. */
class Refusal extends AppError {
  constructor(
    kind: 'NOT_FOUND' | 'PERMISSION_DENIED',
    message: string,
    readonly tenantId: string,
  ) {
    super(kind, message);
  }
}

/**
 * Authenticates every RPC (grpc.health.v1 is served outside Nest and needs
 * nothing) and checks the service's access policy: no or a bad token is
 * UNAUTHENTICATED, a role the rule does not allow is PERMISSION_DENIED, and a
 * tenant outside the caller's subtree is NOT_FOUND, exactly as if it did not
 * exist. Every refusal is logged and audited, whoever the caller. Rules the guard cannot decide (a resource known only
 * once loaded, each event of a batch) are left to the application service,
 * which reads the principal from the request state.
 */
@Injectable()
export class AccessGuard implements CanActivate, OnModuleInit {
  private readonly log = new Logger('access');

  constructor(
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityOptions,
    @Inject(STATIC_CREDENTIALS) private readonly credentials: StaticCredentials,
    @Inject(KEY_AUTHENTICATOR) private readonly keys: KeyAuthenticator,
    @Inject(TENANT_RESOLVER) private readonly resolver: TenantResolver,
    private readonly audit: AuditLog,
  ) {}

  /**
   * An RPC without a rule is refused to everyone (PERMISSION_DENIED naming the
   * policy to extend); the service says so at start, and each app's policy test fails.
   */
  onModuleInit(): void {
    const gaps = policyGaps(this.options.policy, this.options.services);
    if (gaps.missing.length > 0 || gaps.unknown.length > 0)
      this.log.error(
        `${this.options.service} access policy: no rule for [${gaps.missing.join(', ')}] (refused to every caller); rules for unknown RPCs [${gaps.unknown.join(', ')}]`,
      );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return false;
    const ctx = context.switchToRpc().getContext<ConnectRpcContext>();
    const pattern = rpcPattern(ctx.call.method);
    const principal = await this.authenticated(
      pattern,
      ctx.call.requestHeader,
      ctx.call.values.get(CONNECTION_IDENTITY),
    );
    ctx.state.principal = principal;
    try {
      const rule = this.options.policy[pattern];
      if (!rule)
        throw new Refusal(
          'PERMISSION_DENIED',
          `${pattern}: no access rule; add one to the ${this.options.service} access policy`,
          ownTenant(principal),
        );
      const request: unknown = context.switchToRpc().getData();
      await resolveTenantRefs(pattern, request, principal, this.resolver);
      await this.authorize(pattern, rule, principal, request);
    } catch (error) {
      if (error instanceof Refusal) await this.refused(pattern, principal, error);
      throw error;
    }
    return true;
  }

  /**
   * A call without a valid token is tied to no tenant and no key: it is
   * logged, not audited (a flood of them would otherwise fill the log).
   */
  private async authenticated(
    pattern: string,
    headers: Headers,
    connection: ConnectionIdentity,
  ): Promise<Principal> {
    try {
      return await this.authenticate(headers, connection);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'UNAUTHENTICATED')
        this.log.warn(`refused ${pattern}: UNAUTHENTICATED: ${error.message}`);
      throw error;
    }
  }

  /**
   * Under mutual TLS a service is the service token on a connection whose
   * verified client certificate names a Cascade service; the token elsewhere
   * is refused, so a leaked token alone is not a service.
   */
  private async authenticate(headers: Headers, connection: ConnectionIdentity): Promise<Principal> {
    const token = bearerToken(headers.get(AUTHORIZATION_HEADER));
    if (!token)
      throw new AppError('UNAUTHENTICATED', 'authorization: a "Bearer <token>" header is required');
    if (sameSecret(token, this.credentials.serviceToken)) {
      if (connection.mutualTls && !connection.service)
        throw new AppError(
          'UNAUTHENTICATED',
          'authorization: the service token needs a verified Cascade service certificate (mutual TLS)',
        );
      const forwarded = headers.get(FORWARDED_PRINCIPAL_HEADER);
      if (!forwarded) return { kind: 'service' };
      const onBehalfOf = decodeForwarded(forwarded);
      if (!onBehalfOf)
        throw new AppError('UNAUTHENTICATED', `${FORWARDED_PRINCIPAL_HEADER}: malformed`);
      return { kind: 'service', onBehalfOf };
    }
    if (sameSecret(token, this.credentials.adminToken)) return OPERATOR;
    const key = await this.keys.authenticate(token);
    if (!key) throw new AppError('UNAUTHENTICATED', 'authorization: unknown or revoked token');
    return key;
  }

  private async authorize(
    pattern: string,
    rule: AccessRule,
    principal: Principal,
    request: unknown,
  ): Promise<void> {
    if (rule.scope.kind === 'service') {
      if (principal.kind === 'service') return;
      throw new Refusal(
        'PERMISSION_DENIED',
        `${pattern}: only Cascade services may call it`,
        ownTenant(principal),
      );
    }
    if (principal.kind !== 'key') return;
    if (!rule.roles.includes(principal.role))
      throw new Refusal(
        'PERMISSION_DENIED',
        `${pattern}: an API key with role ${principal.role} may not call it`,
        principal.tenantId,
      );
    if (rule.scope.kind === 'installation')
      throw new Refusal(
        'PERMISSION_DENIED',
        `${pattern}: acts on every tree; only the installation operator may call it`,
        principal.tenantId,
      );
    if (rule.scope.kind !== 'tenants') return;
    for (const target of rule.scope.targets(request as never))
      await this.checkTarget(target, principal);
  }

  private async checkTarget(target: TenantTarget, principal: KeyPrincipal): Promise<void> {
    const name = target.ref.id || target.ref.externalRef || '';
    if (!name) {
      if (target.ifEmpty === 'service') return;
      throw new Refusal(
        'PERMISSION_DENIED',
        `${target.field}: only the installation operator may leave it empty`,
        principal.tenantId,
      );
    }
    const path = await this.resolver.pathOf(target.ref);
    if (!path || !path.startsWith(principal.path)) {
      const error = notFound(target.label ?? 'tenant', name);
      throw new Refusal('NOT_FOUND', error.message, principal.tenantId);
    }
    if (target.below && path === principal.path)
      throw new Refusal(
        'PERMISSION_DENIED',
        `${target.field}: a tenant's own record is managed by its seller`,
        principal.tenantId,
      );
  }

  private async refused(pattern: string, principal: Principal, refusal: Refusal): Promise<void> {
    this.log.warn(
      `refused ${pattern} to ${describePrincipal(principal)}: ${refusal.kind}: ${refusal.message}`,
    );
    await this.audit.record({
      rpc: pattern,
      principal,
      tenantId: refusal.tenantId,
      tenantPath: ownPath(principal),
      outcome: refusal.kind,
      details: refusal.message,
    });
  }
}

function ownTenant(principal: Principal): string {
  return principal.kind === 'key' ? principal.tenantId : '';
}

function ownPath(principal: Principal): string {
  return principal.kind === 'key' ? principal.path : '';
}
