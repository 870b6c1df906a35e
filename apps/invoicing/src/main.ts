import { bootstrapService } from '@cascade/platform';
import { INVOICING_SERVICES } from './access/invoicing-policy';
import { InvoicingModule } from './invoicing.module';

void bootstrapService({ name: 'invoicing', module: InvoicingModule, services: INVOICING_SERVICES });
