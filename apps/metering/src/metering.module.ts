import { Module } from '@nestjs/common';
import { AuditController, DatabaseModule, securityProviders } from '@cascade/platform';
import { LocalKeyAuthenticator, LocalTenantResolver } from './access/local-resolvers';
import { METERING_SERVICES, meteringPolicy } from './access/metering-policy';
import { ApiKeyController } from './api-keys/api-key.controller';
import { ApiKeyManager } from './api-keys/api-key-manager';
import { ApiKeyRepository } from './persistence/api-key.repository';
import { meteringDatabase } from './persistence/metering-database';
import { TenantRepository } from './persistence/tenant.repository';
import { MeterRepository } from './persistence/meter.repository';
import { UsageRepository } from './persistence/usage.repository';
import { TenantService } from './tenants/tenant.service';
import { TenantController } from './tenants/tenant.controller';
import { TenantImportService } from './tenants/tenant-import.service';
import { MeterService } from './meters/meter.service';
import { MeterController } from './meters/meter.controller';
import { UsageService } from './usage/usage.service';
import { UsageController } from './usage/usage.controller';
import { TenantDirectory } from './usage/tenant-directory';
import { EdgeUsageService } from './usage/edge-usage.service';
import { TreeSummaryService } from './usage/tree-summary.service';
import { PartialsReader } from './usage/partials-reader';
import { MeterCatalog } from './usage/meter-catalog';
import { RollupFolder } from './usage/rollup-folder';

@Module({
  imports: [DatabaseModule.forRoot(meteringDatabase)],
  controllers: [
    TenantController,
    MeterController,
    UsageController,
    ApiKeyController,
    AuditController,
  ],
  providers: [
    TenantRepository,
    MeterRepository,
    UsageRepository,
    TenantService,
    TenantImportService,
    MeterService,
    UsageService,
    TenantDirectory,
    EdgeUsageService,
    TreeSummaryService,
    PartialsReader,
    MeterCatalog,
    RollupFolder,
    ApiKeyRepository,
    ApiKeyManager,
    ...securityProviders({
      service: 'metering',
      policy: meteringPolicy,
      services: METERING_SERVICES,
      authenticator: LocalKeyAuthenticator,
      resolver: LocalTenantResolver,
    }),
  ],
})
export class MeteringModule {}
