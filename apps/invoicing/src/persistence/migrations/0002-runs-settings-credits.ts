import { PortableMigration } from '@cascade/platform';

/**
 * Billing runs, buyer settings, prepaid credits, credit notes, cancellations and late
 * usage. Credit balances are integers in minor units, so "never below zero" is a
 * CHECK and a conditional UPDATE that both databases evaluate exactly.
 */
export class Migration0002RunsSettingsCredits extends PortableMigration {
  override async up(): Promise<void> {
    // What a fee line pays for: the fee of one whole interval, so a later invoice can
    // settle what this one billed in advance.
    this.addSql(`alter table invoice_line add column period_fee ${this.decimal} null`);
    this.addSql('alter table invoice_line add column fee_interval varchar(16) null');
    this.addSql('alter table invoice_event add column credit_note_id varchar(64) null');

    this.addSql(`create table billing_run (
      id varchar(64) primary key,
      period_start bigint not null,
      period_end bigint not null,
      status varchar(16) not null,
      edges_seen integer not null,
      invoices_billed integer not null,
      invoices_created integer not null,
      invoices_updated integer not null,
      invoices_unchanged integer not null,
      invoices_locked integer not null,
      started_at bigint not null,
      finished_at bigint null,
      progress_at bigint not null,
      error text null,
      superseded_by varchar(64) null,
      resumes varchar(64) null)`);
    this.addSql(
      'create index billing_run_period_idx on billing_run (period_start, period_end, started_at)',
    );

    this.addSql(`create table billing_settings (
      buyer_tenant_id varchar(64) primary key,
      tax_rate ${this.decimal} null,
      anchor varchar(16) not null,
      anniversary_at bigint null,
      updated_at bigint not null)`);
    this.addSql('create index billing_settings_anchor_idx on billing_settings (anchor)');

    this.addSql(`create table credit_balance (
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      currency varchar(3) not null,
      balance_minor bigint not null,
      updated_at bigint not null,
      primary key (seller_tenant_id, buyer_tenant_id),
      constraint credit_balance_not_negative check (balance_minor >= 0))`);
    this.addSql(`create table credit_entry (
      id varchar(64) primary key,
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      currency varchar(3) not null,
      kind varchar(16) not null,
      amount_minor bigint not null,
      balance_after_minor bigint not null,
      invoice_id varchar(64) null,
      credit_note_id varchar(64) null,
      idempotency_key varchar(255) null,
      created_at bigint not null,
      constraint credit_entry_idempotency_uq unique (seller_tenant_id, buyer_tenant_id, idempotency_key))`);

    this.addSql(`create table credit_note (
      id varchar(64) primary key,
      number varchar(200) not null,
      invoice_id varchar(64) not null references invoice (id),
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      currency varchar(3) not null,
      reason text not null,
      subtotal ${this.decimal} not null,
      tax ${this.decimal} not null,
      total ${this.decimal} not null,
      credited_to_balance integer not null,
      idempotency_key varchar(255) null,
      created_at bigint not null,
      constraint credit_note_seller_number_uq unique (seller_tenant_id, number),
      constraint credit_note_idempotency_uq unique (invoice_id, idempotency_key))`);
    this.addSql(`create table credit_note_line (
      credit_note_id varchar(64) not null references credit_note (id),
      line_no integer not null,
      invoice_line_no integer not null,
      kind varchar(32) not null,
      description text not null,
      meter_code varchar(128) not null,
      amount ${this.decimal} not null,
      primary key (credit_note_id, line_no))`);
    this.addSql(`create table credit_note_counter (
      seller_tenant_id varchar(64) primary key,
      last_number bigint not null)`);

    this.addSql(`create table subscription_cancellation (
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      effective_at bigint not null,
      created_at bigint not null,
      primary key (seller_tenant_id, buyer_tenant_id))`);
    this.addSql(
      'create index subscription_cancellation_buyer_idx on subscription_cancellation (buyer_tenant_id)',
    );

    // The latest re-rating of a locked (finalized or paid) period, per meter, kept only
    // while it differs from what has been billed for the period.
    this.addSql(`create table late_rerating (
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      period_start bigint not null,
      period_end bigint not null,
      meter_code varchar(128) not null,
      quantity ${this.decimal} not null,
      amount ${this.decimal} not null,
      rerated_at bigint not null,
      primary key (seller_tenant_id, buyer_tenant_id, period_start, period_end, meter_code))`);
    this.addSql('create index late_rerating_buyer_idx on late_rerating (buyer_tenant_id)');
  }
}
