import { bootstrapService } from '@cascade/platform';
import { METERING_SERVICES } from './access/metering-policy';
import { MeteringModule } from './metering.module';

void bootstrapService({ name: 'metering', module: MeteringModule, services: METERING_SERVICES });
