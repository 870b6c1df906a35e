import { Module } from '@nestjs/common';
import { AuditController, DatabaseModule, securityProviders } from '@cascade/platform';
import { InvoiceAccess } from './access/invoice-access';
import { KnownTenants } from './access/known-tenants';
import { INVOICING_SERVICES, invoicingPolicy } from './access/invoicing-policy';
import { BillingRunService } from './billing/billing-run.service';
import { peerProviders } from './billing/peers';
import { RatingGateway } from './billing/rating.gateway';
import { TenantGateway } from './billing/tenant.gateway';
import { InvoiceController } from './invoices/invoice.controller';
import { InvoiceService } from './invoices/invoice.service';
import { InvoiceWatchService } from './invoices/invoice-watch.service';
import { featureControllers, featureProviders } from './features';
import { invoicingDatabase } from './persistence/invoicing-database';
import { InvoiceRepository } from './persistence/invoice.repository';
import { schedulerProviders } from './scheduler/scheduler-providers';

import { InvoicingGauges } from './metrics/invoicing-gauges';
import { InvoicingStateRepository } from './persistence/invoicing-state.repository';

@Module({
  imports: [DatabaseModule.forRoot(invoicingDatabase)],
  controllers: [InvoiceController, ...featureControllers, AuditController],
  providers: [
    ...peerProviders,
    TenantGateway,
    RatingGateway,
    InvoiceRepository,
    BillingRunService,
    InvoiceService,
    InvoiceWatchService,
    InvoicingStateRepository,
    InvoicingGauges,
    ...featureProviders,
    ...schedulerProviders,
    InvoiceAccess,
    KnownTenants,
    ...securityProviders({
      service: 'invoicing',
      policy: invoicingPolicy,
      services: INVOICING_SERVICES,
    }),
  ],
})
export class InvoicingModule {}
