import { MeterService, TenantService, UsageService } from '@cascade/contracts';
import { bootstrapService } from '@cascade/platform';
import { MeteringModule } from './metering.module';

void bootstrapService({
  name: 'metering',
  module: MeteringModule,
  services: [TenantService, MeterService, UsageService],
});
