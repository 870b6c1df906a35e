import { Injectable } from '@nestjs/common';
import {
  actsOnEveryTree,
  noteAuditTenant,
  notFound,
  requirePrincipal,
  TenantScope,
} from '@cascade/platform';
import { PlanRepository } from '../persistence/plan.repository';

/**
 * Plans are their seller's: a plan whose seller is outside the caller's
 * subtree is NOT_FOUND, exactly like a plan that does not exist.
 */
@Injectable()
export class PlanAccess {
  constructor(
    private readonly plans: PlanRepository,
    private readonly scope: TenantScope,
  ) {}

  /** Checks before the call reads or changes the plan; names the seller in the audit log. */
  async require(planId: string, options: { auditSeller: boolean }): Promise<void> {
    const principal = requirePrincipal();
    const plan = await this.plans.plan(this.plans.em(), planId);
    // The operator and the services get the plan service's own answer, as before.
    if (!plan && actsOnEveryTree(principal)) return;
    if (!plan) throw notFound('plan', planId);
    await this.scope.requireAny(principal, [plan.sellerTenantId], 'plan', planId);
    if (options.auditSeller) await noteAuditTenant(plan.sellerTenantId);
  }
}
