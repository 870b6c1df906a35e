import { ServiceDatabase } from '@cascade/platform';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceEventEntity } from './invoice-event.entity';
import { InvoiceLineEntity } from './invoice-line.entity';
import { Migration0001Initial } from './migrations/0001-initial';
import { SellerCounterEntity } from './seller-counter';

export const invoicingDatabase: ServiceDatabase = {
  service: 'invoicing',
  entities: [
    InvoiceEntity,
    InvoiceLineEntity,
    InvoiceEventEntity,
    SellerCounterEntity,
  ] as ServiceDatabase['entities'],
  migrations: [{ name: 'Migration0001Initial', class: Migration0001Initial }],
};
