import { ServiceDatabase } from '@cascade/platform';
import { ApiKeyEntity } from './api-key.entity';
import { MeterEntity } from './meter.entity';
import { Migration0001Initial } from './migrations/0001-initial';
import { Migration0002UsageRollup } from './migrations/0002-usage-rollup';
import { Migration0003ApiKeys } from './migrations/0003-api-keys';
import { Migration0004EdgeRollup } from './migrations/0004-edge-rollup';
import { Migration0005TenantClosedAt } from './migrations/0005-tenant-closed-at';
import { Migration0006ByteOrderKeys } from './migrations/0006-byte-order-keys';
import { Migration0007PendingRollup } from './migrations/0007-pending-rollup';
import { ParentPeriodEntity } from './parent-period.entity';
import { registerSqliteDecimals } from './sqlite-decimals';
import { TenantEntity } from './tenant.entity';

export const meteringDatabase: ServiceDatabase = {
  service: 'metering',
  entities: [
    TenantEntity,
    ParentPeriodEntity,
    MeterEntity,
    ApiKeyEntity,
  ] as ServiceDatabase['entities'],
  migrations: [
    { name: 'Migration0001Initial', class: Migration0001Initial },
    { name: 'Migration0002UsageRollup', class: Migration0002UsageRollup },
    { name: 'Migration0003ApiKeys', class: Migration0003ApiKeys },
    { name: 'Migration0004EdgeRollup', class: Migration0004EdgeRollup },
    { name: 'Migration0005TenantClosedAt', class: Migration0005TenantClosedAt },
    { name: 'Migration0006ByteOrderKeys', class: Migration0006ByteOrderKeys },
    { name: 'Migration0007PendingRollup', class: Migration0007PendingRollup },
  ],
  onSqliteConnection: registerSqliteDecimals,
};
