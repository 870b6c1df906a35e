import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  ExplainLineRequest,
  PreviewPlanRequest,
  RateEdgeRequest,
  RateTreeRequest,
} from '@cascade/contracts';
import {
  FieldProblems,
  notFound,
  requireAfter,
  requiredInstant,
  requiredPeriod,
} from '@cascade/platform';
import { buyerFilterFromProto } from './buyer-filter';
import { EdgeRatingService } from './edge-rating.service';
import { PlanPreviewService } from './plan-preview.service';
import { previewInput } from './preview-request';
import { optionalText, requiredText } from './rating-fields';
import { ratedEdgeToProto } from './rated-edge.mapper';
import { TreeRatingService } from './tree-rating.service';
import { MeteringGateway } from '../metering/metering-gateway';

const SERVICE = 'cascade.rating.v1.RatingService';

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
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const buyer = field(() => requiredText(req.buyerTenantId, 'buyer_tenant_id'));
    const { start, end } = requiredPeriod(req, problems);
    const seller = field(() => optionalText(req.sellerTenantId, 'seller_tenant_id'));
    problems.throwIfAny();
    return ratedEdgeToProto(await this.edges.rate(buyer, seller, start, end));
  }

  @MessagePattern(`${SERVICE}/RateTree`)
  async *rateTree(req: RateTreeRequest) {
    const problems = new FieldProblems();
    const { start, end } = requiredPeriod(req, problems);
    const buyers = problems.check(() => buyerFilterFromProto(req.buyerTenantIds));
    problems.throwIfAny();
    for await (const edge of this.tree.rate(start, end, buyers)) yield ratedEdgeToProto(edge);
  }

  @MessagePattern(`${SERVICE}/ExplainLine`)
  async explainLine(req: ExplainLineRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const buyer = field(() => requiredText(req.buyerTenantId, 'buyer_tenant_id'));
    const seller = field(() => requiredText(req.sellerTenantId, 'seller_tenant_id'));
    const meterCode = field(() => requiredText(req.meterCode, 'meter_code'));
    const from = field(() => requiredInstant(req.from, 'from'));
    const to = field(() => requiredInstant(req.to, 'to'));
    problems.check(() => requireAfter(from, to, ['from', 'to']));
    problems.throwIfAny();
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
    const input = previewInput(req);
    const edge = await this.previews.preview(
      input.buyerTenantId,
      input.candidate,
      input.start,
      input.end,
    );
    return ratedEdgeToProto(edge);
  }
}
