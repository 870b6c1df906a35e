import { InvoiceService } from '@cascade/contracts';
import { bootstrapService } from '@cascade/platform';
import { InvoicingModule } from './invoicing.module';

void bootstrapService({ name: 'invoicing', module: InvoicingModule, services: [InvoiceService] });
