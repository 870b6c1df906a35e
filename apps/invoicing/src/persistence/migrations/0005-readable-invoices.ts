import { PortableMigration } from '@cascade/platform';

/**
 * Invoices people read and find: the lifecycle's dates, the names a line shows, the
 * buyer on each outbox row (WatchInvoices by buyer), lookups by number, and seller
 * profiles (brand, invoice prefix, payment terms) that tenants inherit down the tree.
 */
export class Migration0005ReadableInvoices extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql('alter table invoice add column due_at bigint null');
    this.addSql('alter table invoice add column paid_at bigint null');
    this.addSql('alter table invoice add column voided_at bigint null');
    this.addSql('create index invoice_number_idx on invoice (number)');
    this.addSql('create index invoice_status_idx on invoice (status, period_start)');

    for (const column of ['meter_name', 'unit', 'plan_name', 'plan_code'])
      this.addSql(`alter table invoice_line add column ${column} varchar(255) not null default ''`);

    this.addSql(
      "alter table invoice_event add column buyer_tenant_id varchar(64) not null default ''",
    );
    this.addSql(
      'update invoice_event set buyer_tenant_id = (select i.buyer_tenant_id from invoice i where i.id = invoice_event.invoice_id)',
    );
    this.addSql(
      'create index invoice_event_buyer_idx on invoice_event (buyer_tenant_id, sequence)',
    );

    // Null columns are not set here: the field is inherited from the nearest ancestor.
    this.addSql(`create table seller_profile (
      tenant_id varchar(64) primary key,
      display_name varchar(200) null,
      logo text null,
      logo_content_type varchar(32) null,
      accent_color varchar(7) null,
      address text null,
      tax_id varchar(64) null,
      invoice_prefix varchar(12) null,
      payment_terms_days integer null,
      updated_at bigint not null)`);
  }
}
