import { Injectable } from '@nestjs/common';
import { failedPrecondition, notFound } from '@cascade/platform';
import { PlanRepository } from '../persistence/plan.repository';
import { MeteringGateway } from '../metering/metering-gateway';
import { PlanBook } from './plan-book';
import { RatedEdge, rateEdge } from './edge-rater';
import { ratedEdge } from '../metrics/rating-metrics';

/** RateEdge: one edge, quantities asked of metering per charge. */
@Injectable()
export class EdgeRatingService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly metering: MeteringGateway,
  ) {}

  async rate(
    buyerTenantId: string,
    sellerTenantId: string,
    start: Date,
    end: Date,
  ): Promise<RatedEdge> {
    const buyer = await this.metering.tenant(buyerTenantId);
    if (!buyer) throw notFound('buyer tenant', buyerTenantId);
    if (sellerTenantId && !(await this.metering.tenant(sellerTenantId)))
      throw notFound('seller tenant', sellerTenantId);
    const seller = sellerTenantId || buyer.parentId;
    if (!seller) throw failedPrecondition('buyer_tenant_id: a root tenant has no seller');
    const quantities = this.metering.edgeQuantity.bind(this.metering);
    return ratedEdge(() =>
      rateEdge(PlanBook.lazy(this.plans), quantities, {
        seller,
        buyer: buyerTenantId,
        currency: buyer.currency,
        start,
        end,
      }),
    );
  }
}
