import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RateEdgeRequest } from '@cascade/contracts';
import { invalidArgument, requiredInstant } from '@cascade/platform';
import { EdgeRatingService } from './edge-rating.service';
import { ratedEdgeToProto } from './rated-edge.mapper';

@Controller()
export class RatingController {
  constructor(private readonly rating: EdgeRatingService) {}

  @MessagePattern('cascade.rating.v1.RatingService/RateEdge')
  async rateEdge(req: RateEdgeRequest) {
    if (!req.buyerTenantId) throw invalidArgument('buyer_tenant_id', 'is required');
    const edge = await this.rating.rate(
      req.buyerTenantId,
      req.sellerTenantId,
      requiredInstant(req.periodStart, 'period_start'),
      requiredInstant(req.periodEnd, 'period_end'),
    );
    return ratedEdgeToProto(edge);
  }
}
