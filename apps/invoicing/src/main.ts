import { bootstrapService } from '@cascade/platform';
import { INVOICING_SERVICES } from './access/invoicing-policy';
import { InvoicingModule } from './invoicing.module';
import { schedulerConfig } from './scheduler/scheduler-config';

// A bad BILLING_SCHEDULER* setting stops the start here, with the variable named.
schedulerConfig();
void bootstrapService({ name: 'invoicing', module: InvoicingModule, services: INVOICING_SERVICES });
