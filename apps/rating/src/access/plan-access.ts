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
 * subtree is NOT_FOUND, exactly like a plan that does not exist. A buyer may
 * read the plans it is (or was) assigned to — the prices it pays — and no
 * other plan of its seller, nor any plan its seller buys on (its seller's cost).
 */
@Injectable()
export class PlanAccess {
  constructor(
    private readonly plans: PlanRepository,
    private readonly scope: TenantScope,
  ) {}

  /** Checks before the call reads or changes the plan; names the seller in the audit log. */
  async require(
    planId: string,
    options: { auditSeller: boolean; buyerReads?: boolean },
  ): Promise<void> {
    const principal = requirePrincipal();
    const em = this.plans.em();
    const plan = await this.plans.plan(em, planId);
    // The operator and the services get the plan service's own answer, as before.
    if (!plan && actsOnEveryTree(principal)) return;
    if (!plan) throw notFound('plan', planId);
    if (options.buyerReads && principal.kind === 'key') {
      const own = await this.plans.assignmentsOf(em, principal.tenantId);
      if (own.some((a) => a.planId === plan.id)) return;
    }
    await this.scope.requireAny(principal, [plan.sellerTenantId], 'plan', planId);
    if (options.auditSeller) await noteAuditTenant(plan.sellerTenantId);
  }
}
