import { Injectable } from '@nestjs/common';
import {
  ChargeSpec,
  planTimeline,
  PricedCharge,
  priceCharge,
  PricingContext,
} from '@cascade/rating-domain';
import { failedPrecondition, invalidArgument, notFound } from '@cascade/platform';
import { EntityManager } from '@mikro-orm/core';
import { PlanRepository } from '../persistence/plan.repository';
import { PlanVersionRow } from '../persistence/plan-version.entity';
import { PlanRow } from '../persistence/plan.entity';
import { MeteringGateway } from '../metering/metering-gateway';
import { chargeSpecs } from '../plans/charge-codec';

export interface RatedEdgeLine {
  meterCode: string;
  priced: PricedCharge;
  planId: string;
  planVersion: number;
  from: Date;
  to: Date;
}

export interface RatedSpan {
  plan: PlanRow;
  version: PlanVersionRow;
  from: Date;
  to: Date;
}

export interface RatedEdge {
  sellerTenantId: string;
  buyerTenantId: string;
  currency: string;
  lines: RatedEdgeLine[];
  spans: RatedSpan[];
}

/** Prices one billing edge for a period: quantities from metering, prices from the seller's plans. */
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
    if (start.getTime() >= end.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    const buyer = await this.metering.tenant(buyerTenantId);
    if (!buyer) throw notFound('buyer tenant', buyerTenantId);
    const seller = sellerTenantId || buyer.parentId;
    if (!seller) throw failedPrecondition('buyer_tenant_id: a root tenant has no seller');
    const em = this.plans.em();
    const assignments = await this.plans.assignmentsOf(em, buyerTenantId, seller);
    const planIds = [...new Set(assignments.map((a) => a.planId))];
    const plans = new Map((await this.plans.plansById(em, planIds)).map((p) => [p.id, p]));
    const versions = await this.plans.versions(em, planIds);
    const timeline = planTimeline(assignments, versions, { start, end });
    const spans = timeline.map((s) => ({
      plan: plans.get(s.planId) as PlanRow,
      version: versions.find(
        (v) => v.planId === s.planId && v.version === s.version,
      ) as PlanVersionRow,
      from: s.from,
      to: s.to,
    }));
    const lines: RatedEdgeLine[] = [];
    for (const span of spans) {
      for (const spec of chargeSpecs(span.version.charges)) {
        const quantity = await this.metering.edgeQuantity(
          seller,
          buyerTenantId,
          spec.meterCode,
          span.from,
          span.to,
        );
        const context = await this.pricingContext(em, seller, spec, span.from);
        lines.push({
          meterCode: spec.meterCode,
          priced: priceCharge(spec, quantity, context),
          planId: span.plan.id,
          planVersion: span.version.version,
          from: span.from,
          to: span.to,
        });
      }
    }
    return {
      sellerTenantId: seller,
      buyerTenantId,
      currency: spans[0]?.plan.currency ?? buyer.currency,
      lines,
      spans,
    };
  }

  /**
   * A markup prices the buyer's quantity at what the seller itself pays for
   * the meter, so walk up the chain of plans the sellers buy under.
   */
  private async pricingContext(
    em: EntityManager,
    seller: string,
    spec: ChargeSpec,
    at: Date,
  ): Promise<PricingContext> {
    if (spec.model !== 'PERCENTAGE_MARKUP') return {};
    const upstream = await this.chargeSellerBuysUnder(em, seller, spec.meterCode, at);
    if (!upstream) {
      throw failedPrecondition(
        `charges: ${spec.meterCode} is priced as a markup but seller ${seller} buys it under no plan charging that meter`,
      );
    }
    return {
      upstream: upstream.spec,
      upstreamContext: await this.pricingContext(em, upstream.seller, upstream.spec, at),
    };
  }

  private async chargeSellerBuysUnder(
    em: EntityManager,
    buyer: string,
    meterCode: string,
    at: Date,
  ): Promise<{ spec: ChargeSpec; seller: string } | undefined> {
    const inForce = (await this.plans.assignmentsOf(em, buyer))
      .filter((a) => a.effectiveFrom.getTime() <= at.getTime())
      .pop();
    if (!inForce) return undefined;
    const version = (await this.plans.versions(em, [inForce.planId]))
      .filter((v) => v.effectiveFrom.getTime() <= at.getTime())
      .pop();
    const spec = version && chargeSpecs(version.charges).find((c) => c.meterCode === meterCode);
    return spec ? { spec, seller: inForce.sellerTenantId } : undefined;
  }
}
