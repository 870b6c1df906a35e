import { ServiceDatabase } from '@cascade/platform';
import { AssignmentEntity } from './assignment.entity';
import { Migration0001Initial } from './migrations/0001-initial';
import { PlanVersionEntity } from './plan-version.entity';
import { PlanEntity } from './plan.entity';

export const ratingDatabase: ServiceDatabase = {
  service: 'rating',
  entities: [PlanEntity, PlanVersionEntity, AssignmentEntity] as ServiceDatabase['entities'],
  migrations: [{ name: 'Migration0001Initial', class: Migration0001Initial }],
};
