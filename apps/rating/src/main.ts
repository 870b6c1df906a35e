import { PlanService, RatingService } from '@cascade/contracts';
import { bootstrapService } from '@cascade/platform';
import { RatingModule } from './rating.module';

void bootstrapService({
  name: 'rating',
  module: RatingModule,
  services: [PlanService, RatingService],
});
