import { ServiceDatabase } from '@cascade/platform';
import { MeterEntity } from './meter.entity';
import { Migration0001Initial } from './migrations/0001-initial';
import { Migration0002UsageRollup } from './migrations/0002-usage-rollup';
import { ParentPeriodEntity } from './parent-period.entity';
import { TenantEntity } from './tenant.entity';

export const meteringDatabase: ServiceDatabase = {
  service: 'metering',
  entities: [TenantEntity, ParentPeriodEntity, MeterEntity] as ServiceDatabase['entities'],
  migrations: [
    { name: 'Migration0001Initial', class: Migration0001Initial },
    { name: 'Migration0002UsageRollup', class: Migration0002UsageRollup },
  ],
};
