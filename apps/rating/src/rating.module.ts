import { Module } from '@nestjs/common';
import { DatabaseModule } from '@cascade/platform';
import { ratingDatabase } from './persistence/rating-database';
import { PlanRepository } from './persistence/plan.repository';
import { MeteringGateway } from './metering/metering-gateway';
import { PlanService } from './plans/plan.service';
import { PlanController } from './plans/plan.controller';
import { EdgeRatingService } from './rating/edge-rating.service';
import { RatingController } from './rating/rating.controller';
import { TreeRatingService } from './rating/tree-rating.service';

@Module({
  imports: [DatabaseModule.forRoot(ratingDatabase)],
  controllers: [PlanController, RatingController],
  providers: [PlanRepository, MeteringGateway, PlanService, EdgeRatingService, TreeRatingService],
})
export class RatingModule {}
