import { bootstrapService } from '@cascade/platform';
import { RATING_SERVICES } from './access/rating-policy';
import { RatingModule } from './rating.module';

void bootstrapService({ name: 'rating', module: RatingModule, services: RATING_SERVICES });
