import { Module } from '@nestjs/common';
import { DatabaseModule } from '@cascade/platform';
import { meteringDatabase } from './persistence/metering-database';
import { TenantRepository } from './persistence/tenant.repository';
import { MeterRepository } from './persistence/meter.repository';
import { UsageRepository } from './persistence/usage.repository';
import { TenantService } from './tenants/tenant.service';
import { TenantController } from './tenants/tenant.controller';
import { MeterService } from './meters/meter.service';
import { MeterController } from './meters/meter.controller';
import { UsageService } from './usage/usage.service';
import { UsageController } from './usage/usage.controller';
import { TenantDirectory } from './usage/tenant-directory';
import { EdgeUsageService } from './usage/edge-usage.service';
import { PartialsReader } from './usage/partials-reader';

@Module({
  imports: [DatabaseModule.forRoot(meteringDatabase)],
  controllers: [TenantController, MeterController, UsageController],
  providers: [
    TenantRepository,
    MeterRepository,
    UsageRepository,
    TenantService,
    MeterService,
    UsageService,
    TenantDirectory,
    EdgeUsageService,
    PartialsReader,
  ],
})
export class MeteringModule {}
