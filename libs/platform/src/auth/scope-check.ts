import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError, notFound } from '../errors';
import { actsOnEveryTree, describePrincipal, Principal, withinScope } from './principal';
import { TENANT_RESOLVER, TenantResolver } from './resolvers';

/**
 * For application services that can only place a resource in the tree once
 * they loaded it (an invoice by id, a plan by id, a key by id): is it within
 * the caller's subtree? Outside is NOT_FOUND, as if it did not exist.
 */
@Injectable()
export class TenantScope {
  private readonly log = new Logger('access');

  constructor(@Inject(TENANT_RESOLVER) private readonly resolver: TenantResolver) {}

  /** True when the principal may act on the tenant (its subtree, or every tree). */
  async covers(principal: Principal, tenantId: string): Promise<boolean> {
    if (actsOnEveryTree(principal)) return true;
    if (!tenantId) return false;
    const path = await this.resolver.pathOf({ id: tenantId });
    return path !== undefined && withinScope(principal, path);
  }

  /**
   * NOT_FOUND (the message the resource's absence would give) unless at least
   * one of the tenants is within the principal's reach.
   */
  async requireAny(
    principal: Principal,
    tenantIds: readonly string[],
    what: string,
    id: string,
  ): Promise<void> {
    for (const tenantId of tenantIds) if (await this.covers(principal, tenantId)) return;
    this.log.warn(`refused ${what} ${id} to ${describePrincipal(principal)}: outside its subtree`);
    throw notFound(what, id);
  }

  /** PERMISSION_DENIED unless the tenant is within reach: for callers who may see but not change. */
  async requireToChange(principal: Principal, tenantId: string, message: string): Promise<void> {
    if (await this.covers(principal, tenantId)) return;
    throw new AppError('PERMISSION_DENIED', message);
  }
}
