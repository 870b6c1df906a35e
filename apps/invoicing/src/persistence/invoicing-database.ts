import { ServiceDatabase } from '@cascade/platform';
import { BillingRunEntity } from './billing-run.entity';
import { BillingSettingsEntity } from './billing-settings.entity';
import { CreditNoteEntity, CreditNoteLineEntity } from './credit-note.entity';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceEventEntity } from './invoice-event.entity';
import { InvoiceLineEntity } from './invoice-line.entity';
import { LateReratingEntity } from './late-rerating.entity';
import { Migration0001Initial } from './migrations/0001-initial';
import { Migration0002RunsSettingsCredits } from './migrations/0002-runs-settings-credits';
import { Migration0003MoneyCorrectness } from './migrations/0003-money-correctness';
import { Migration0004UnpricedUsage } from './migrations/0004-unpriced-usage';
import { UnpricedUsageEntity } from './unpriced-usage.entity';
import { Migration0005ReadableInvoices } from './migrations/0005-readable-invoices';
import { Migration0006SchedulerLease } from './migrations/0006-scheduler-lease';
import { SellerCounterEntity } from './seller-counter';
import { SellerProfileEntity } from './seller-profile.entity';
import { SubscriptionCancellationEntity } from './subscription-cancellation.entity';

export const invoicingDatabase: ServiceDatabase = {
  service: 'invoicing',
  entities: [
    InvoiceEntity,
    InvoiceLineEntity,
    InvoiceEventEntity,
    SellerCounterEntity,
    BillingRunEntity,
    BillingSettingsEntity,
    CreditNoteEntity,
    CreditNoteLineEntity,
    SubscriptionCancellationEntity,
    LateReratingEntity,
    UnpricedUsageEntity,
    SellerProfileEntity,
  ] as ServiceDatabase['entities'],
  migrations: [
    { name: 'Migration0001Initial', class: Migration0001Initial },
    { name: 'Migration0002RunsSettingsCredits', class: Migration0002RunsSettingsCredits },
    { name: 'Migration0003MoneyCorrectness', class: Migration0003MoneyCorrectness },
    { name: 'Migration0004UnpricedUsage', class: Migration0004UnpricedUsage },
    { name: 'Migration0005ReadableInvoices', class: Migration0005ReadableInvoices },
    { name: 'Migration0006SchedulerLease', class: Migration0006SchedulerLease },
  ],
};
