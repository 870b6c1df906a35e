import { PortableMigration } from '@cascade/platform';

export class Migration0001Initial extends PortableMigration {
  override async up(): Promise<void> {
    // The unique key is the last guard against two invoices for one edge and period,
    // whatever races two billing runs get into.
    this.addSql(`create table invoice (
      id varchar(64) primary key,
      number varchar(200) null,
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      period_start bigint not null,
      period_end bigint not null,
      currency varchar(3) not null,
      status varchar(16) not null,
      subtotal ${this.decimal} not null,
      tax_rate ${this.decimal} not null,
      tax ${this.decimal} not null,
      total ${this.decimal} not null,
      credits_applied ${this.decimal} not null,
      amount_due ${this.decimal} not null,
      content_digest varchar(64) not null,
      void_reason text null,
      created_at bigint not null,
      updated_at bigint not null,
      finalized_at bigint null,
      constraint invoice_edge_period_uq unique (seller_tenant_id, buyer_tenant_id, period_start, period_end),
      constraint invoice_seller_number_uq unique (seller_tenant_id, number))`);
    this.addSql('create index invoice_buyer_idx on invoice (buyer_tenant_id, period_start)');
    this.addSql(`create table invoice_line (
      invoice_id varchar(64) not null references invoice (id) on delete cascade,
      line_no integer not null,
      kind varchar(32) not null,
      description text not null,
      meter_code varchar(128) not null,
      quantity ${this.decimal} null,
      amount ${this.decimal} not null,
      precise_amount ${this.decimal} not null,
      tiers ${this.json} not null,
      plan_id varchar(64) not null,
      plan_version integer not null,
      from_at bigint null,
      to_at bigint null,
      primary key (invoice_id, line_no))`);
    // AUTOINCREMENT (not just rowid) so SQLite never reuses a sequence.
    const sequence = this.isPostgres
      ? 'sequence bigint generated always as identity primary key'
      : 'sequence integer primary key autoincrement';
    this.addSql(`create table invoice_event (
      ${sequence},
      invoice_id varchar(64) not null references invoice (id),
      seller_tenant_id varchar(64) not null,
      type varchar(16) not null,
      created_at bigint not null)`);
    this.addSql(
      'create index invoice_event_seller_idx on invoice_event (seller_tenant_id, sequence)',
    );
    this.addSql(`create table seller_counter (
      seller_tenant_id varchar(64) primary key,
      last_number bigint not null)`);
  }
}
