import { Injectable } from '@nestjs/common';
import { failedPrecondition, notFound } from '@cascade/platform';
import { PlanRepository } from '../persistence/plan.repository';
import { MeteringGateway } from '../metering/metering-gateway';
import { PlanAccess } from '../access/plan-access';
import { PlanService, PlanView } from '../plans/plan.service';
import { PlanBook } from './plan-book';
import { PreviewBook } from './preview-book';
import { RatedEdge, rateEdge } from './edge-rater';
import { Candidate } from './preview-request';

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
      const view = await this.plans.candidatePlan(candidate.input, 'plan.');
      if (view.plan.sellerTenantId !== seller)
        throw failedPrecondition(
          `plan.seller_tenant_id: ${view.plan.sellerTenantId} is not the buyer's seller ${seller}`,
        );
      return { view, field: 'plan.currency' };
    }
    const id = candidate.planId;
    await this.access.require(id, { auditSeller: false });
    const view = await this.plans.candidateVersion(candidate.changes, 'update.', 'plan_id');
    if (view.plan.sellerTenantId !== seller)
      throw failedPrecondition(
        `plan_id: plan ${id} is sold by ${view.plan.sellerTenantId}, which is not the buyer's parent`,
      );
    return { view, field: 'plan_id' };
  }
}
