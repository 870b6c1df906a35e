import { Module } from '@nestjs/common';
import { AuditController, DatabaseModule, securityProviders } from '@cascade/platform';
import { PlanAccess } from './access/plan-access';
import { PlanRefs } from './plans/plan-refs';
import { RATING_SERVICES, ratingPolicy } from './access/rating-policy';
import { ratingDatabase } from './persistence/rating-database';
import { PlanRepository } from './persistence/plan.repository';
import { MeteringGateway } from './metering/metering-gateway';
import { PlanService } from './plans/plan.service';
import { PlanController } from './plans/plan.controller';
import { EdgeRatingService } from './rating/edge-rating.service';
import { PlanPreviewService } from './rating/plan-preview.service';
import { RatingController } from './rating/rating.controller';
import { TreeRatingService } from './rating/tree-rating.service';

@Module({
  imports: [DatabaseModule.forRoot(ratingDatabase)],
  controllers: [PlanController, RatingController, AuditController],
  providers: [
    PlanRepository,
    MeteringGateway,
    PlanService,
    EdgeRatingService,
    PlanPreviewService,
    TreeRatingService,
    PlanAccess,
    PlanRefs,
    ...securityProviders({ service: 'rating', policy: ratingPolicy, services: RATING_SERVICES }),
  ],
})
export class RatingModule {}
