import { Injectable } from '@nestjs/common';
import { CreatePlanRequest, UpdatePlanRequest } from '@cascade/contracts';
import { failedPrecondition, invalidArgument, notFound } from '@cascade/platform';
import { PlanRepository } from '../persistence/plan.repository';
import { MeteringGateway } from '../metering/metering-gateway';
import { PlanAccess } from '../access/plan-access';
import { text } from '../plans/plan-fields';
import { createPlanInput, planChanges } from '../plans/plan-request';
import { PlanService, PlanView } from '../plans/plan.service';
import { PlanBook } from './plan-book';
import { PreviewBook } from './preview-book';
import { RatedEdge, rateEdge } from './edge-rater';

/** A new plan, or a new version of a stored one: what PreviewPlan rates the buyer under. */
export type Candidate =
  | { kind: 'plan'; plan: CreatePlanRequest }
  | { kind: 'update'; planId: string; update: UpdatePlanRequest };

/**
 * PreviewPlan: RateEdge for the buyer and its seller over the period, with the
 * buyer on the candidate for the whole period. The candidate passes every check
 * CreatePlan/UpdatePlan and AssignPlan make (their errors, fields prefixed
 * `plan.` / `update.`); nothing is written.
 */
@Injectable()
export class PlanPreviewService {
  constructor(
    private readonly repo: PlanRepository,
    private readonly plans: PlanService,
    private readonly access: PlanAccess,
    private readonly metering: MeteringGateway,
  ) {}

  async preview(buyerId: string, candidate: Candidate, start: Date, end: Date): Promise<RatedEdge> {
    if (start.getTime() >= end.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    const buyer = await this.metering.tenant(buyerId);
    if (!buyer) throw notFound('buyer tenant', buyerId);
    if (!buyer.parentId) throw failedPrecondition('buyer_tenant_id: a root tenant has no seller');
    const { view, field } = await this.candidateView(candidate, buyer.parentId);
    if (view.plan.currency !== buyer.currency)
      throw failedPrecondition(
        `${field}: plan currency ${view.plan.currency} differs from the buyer's ${buyer.currency}`,
      );
    const book = new PreviewBook(PlanBook.lazy(this.repo), buyerId, view);
    return rateEdge(book, this.metering.edgeQuantity.bind(this.metering), {
      seller: buyer.parentId,
      buyer: buyerId,
      currency: buyer.currency,
      start,
      end,
    });
  }

  /** The unsaved plan version, and the field that names it in errors. */
  private async candidateView(
    candidate: Candidate,
    seller: string,
  ): Promise<{ view: PlanView; field: string }> {
    if (candidate.kind === 'plan') {
      const view = await this.plans.candidatePlan(
        createPlanInput(candidate.plan, 'plan.'),
        'plan.',
      );
      if (view.plan.sellerTenantId !== seller)
        throw failedPrecondition(
          `plan.seller_tenant_id: ${view.plan.sellerTenantId} is not the buyer's seller ${seller}`,
        );
      return { view, field: 'plan.currency' };
    }
    const id = text(candidate.planId, 'plan_id');
    await this.access.require(id, { auditSeller: false });
    const { update } = candidate;
    if (update.id !== '' && update.id !== id)
      throw invalidArgument('update.id', 'must be empty or the same as plan_id');
    const view = await this.plans.candidateVersion(
      planChanges(update, { id, at: 'update.' }),
      'update.',
      'plan_id',
    );
    if (view.plan.sellerTenantId !== seller)
      throw failedPrecondition(
        `plan_id: plan ${id} is sold by ${view.plan.sellerTenantId}, which is not the buyer's parent`,
      );
    return { view, field: 'plan_id' };
  }
}
