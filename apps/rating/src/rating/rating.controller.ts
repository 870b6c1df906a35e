import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { create } from '@bufbuild/protobuf';
import {
  ExplainLineRequest,
  PreviewPlanRequest,
  RateEdgeRequest,
  RateTreeRequest,
  UpdatePlanRequestSchema,
} from '@cascade/contracts';
import { invalidArgument, notFound, requiredInstant } from '@cascade/platform';
import { buyerFilterFromProto } from './buyer-filter';
import { EdgeRatingService } from './edge-rating.service';
import { Candidate, PlanPreviewService } from './plan-preview.service';
import { ratedEdgeToProto } from './rated-edge.mapper';
import { TreeRatingService } from './tree-rating.service';
import { MeteringGateway } from '../metering/metering-gateway';

const SERVICE = 'cascade.rating.v1.RatingService';

function optional(value: string, field: string): string {
  if (value.length > 255) throw invalidArgument(field, 'must be at most 255 characters');
  return value;
}

function required(value: string, field: string): string {
  if (!value) throw invalidArgument(field, 'is required');
  return optional(value, field);
}

@Controller()
export class RatingController {
  constructor(
    private readonly edges: EdgeRatingService,
    private readonly tree: TreeRatingService,
    private readonly metering: MeteringGateway,
    private readonly previews: PlanPreviewService,
  ) {}

  @MessagePattern(`${SERVICE}/RateEdge`)
  async rateEdge(req: RateEdgeRequest) {
    const edge = await this.edges.rate(
      required(req.buyerTenantId, 'buyer_tenant_id'),
      optional(req.sellerTenantId, 'seller_tenant_id'),
      requiredInstant(req.periodStart, 'period_start'),
      requiredInstant(req.periodEnd, 'period_end'),
    );
    return ratedEdgeToProto(edge);
  }

  @MessagePattern(`${SERVICE}/RateTree`)
  async *rateTree(req: RateTreeRequest) {
    const start = requiredInstant(req.periodStart, 'period_start');
    const end = requiredInstant(req.periodEnd, 'period_end');
    const buyers = buyerFilterFromProto(req.buyerTenantIds);
    for await (const edge of this.tree.rate(start, end, buyers)) yield ratedEdgeToProto(edge);
  }

  @MessagePattern(`${SERVICE}/ExplainLine`)
  async explainLine(req: ExplainLineRequest) {
    const from = requiredInstant(req.from, 'from');
    const to = requiredInstant(req.to, 'to');
    if (from.getTime() >= to.getTime()) throw invalidArgument('to', 'must be after from');
    const seller = required(req.sellerTenantId, 'seller_tenant_id');
    const buyer = required(req.buyerTenantId, 'buyer_tenant_id');
    const meterCode = required(req.meterCode, 'meter_code');
    if (!(await this.metering.tenant(buyer))) throw notFound('buyer tenant', buyer);
    if (!(await this.metering.tenant(seller))) throw notFound('seller tenant', seller);
    const answer = await this.metering.explain(seller, buyer, meterCode, from, to);
    return {
      quantity: answer.total,
      unit: answer.unit,
      byTenant: answer.byTenant.map((g) => ({ key: g.key, quantity: g.value })),
      byResource: answer.byResource.map((g) => ({ key: g.key, quantity: g.value })),
    };
  }

  @MessagePattern(`${SERVICE}/PreviewPlan`)
  async previewPlan(req: PreviewPlanRequest) {
    const buyer = required(req.buyerTenantId, 'buyer_tenant_id');
    const start = requiredInstant(req.periodStart, 'period_start');
    const end = requiredInstant(req.periodEnd, 'period_end');
    const edge = await this.previews.preview(buyer, candidate(req), start, end);
    return ratedEdgeToProto(edge);
  }
}

function candidate(req: PreviewPlanRequest): Candidate {
  if (req.plan && req.planId)
    throw invalidArgument('plan', 'give either plan or plan_id (with update), not both');
  if (req.plan) {
    if (req.update) throw invalidArgument('update', 'goes with plan_id, not with plan');
    return { kind: 'plan', plan: req.plan };
  }
  if (!req.planId) throw invalidArgument('plan', 'give either plan or plan_id (with update)');
  return {
    kind: 'update',
    planId: optional(req.planId, 'plan_id'),
    update: req.update ?? create(UpdatePlanRequestSchema),
  };
}
