import { AssignmentRow } from '../persistence/assignment.entity';
import { PlanVersionRow } from '../persistence/plan-version.entity';
import { PlanRow } from '../persistence/plan.entity';
import { PlanSource } from './plan-book';

/**
 * The stored plans with one candidate that is not saved: the buyer is on the
 * candidate plan for the whole period, and the candidate's versions are the
 * stored ones (none for a new plan) followed by the candidate version. Every
 * other tenant, the buyer's seller among them, keeps its stored plans, so a
 * markup prices over what the seller really pays.
 */
export class PreviewBook implements PlanSource {
  constructor(
    private readonly stored: PlanSource,
    private readonly buyer: string,
    private readonly candidate: { plan: PlanRow; version: PlanVersionRow },
  ) {}

  async assignmentsOf(buyer: string): Promise<AssignmentRow[]> {
    if (buyer !== this.buyer) return this.stored.assignmentsOf(buyer);
    const { plan } = this.candidate;
    return [
      {
        id: '',
        buyerTenantId: buyer,
        sellerTenantId: plan.sellerTenantId,
        planId: plan.id,
        effectiveFrom: new Date(0),
        createdAt: new Date(0),
      },
    ];
  }

  async plan(id: string): Promise<PlanRow> {
    return id === this.candidate.plan.id ? this.candidate.plan : this.stored.plan(id);
  }

  async versionsOf(planId: string): Promise<PlanVersionRow[]> {
    if (planId !== this.candidate.plan.id) return this.stored.versionsOf(planId);
    // A new plan (no id) has no stored versions; an update comes after all of them.
    const stored = planId === '' ? [] : await this.stored.versionsOf(planId);
    return [...stored, this.candidate.version];
  }
}
