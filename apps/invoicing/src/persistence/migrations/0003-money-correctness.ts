import { PortableMigration } from '@cascade/platform';

/** The invoice columns of 0001, in order: SQLite rebuilds the table with them. */
const INVOICE_COLUMNS = [
  'id',
  'number',
  'seller_tenant_id',
  'buyer_tenant_id',
  'period_start',
  'period_end',
  'currency',
  'status',
  'subtotal',
  'tax_rate',
  'tax',
  'total',
  'credits_applied',
  'amount_due',
  'content_digest',
  'void_reason',
  'created_at',
  'updated_at',
  'finalized_at',
].join(', ');

/**
 * Billing correctness: a VOID (or DISCARDED) invoice no longer holds its (seller,
 * buyer, period) key, so the period can be billed again by a replacement; invoices
 * say what they replace, what went to the buyer's credits, and whether they are a
 * preview; runs count what they must rate and what they could not price; a credit
 * note remembers the request its idempotency key was used for.
 */
export class Migration0003MoneyCorrectness extends PortableMigration {
  override async up(): Promise<void> {
    if (this.isPostgres) this.addSql('alter table invoice drop constraint invoice_edge_period_uq');
    else this.rebuildSqliteInvoiceWithoutEdgeKey();
    this.addSql(`create unique index invoice_edge_period_uq on invoice
      (seller_tenant_id, buyer_tenant_id, period_start, period_end)
      where status not in ('VOID', 'DISCARDED')`);

    this.addSql('alter table invoice add column replaces_invoice_id varchar(64) null');
    this.addSql(`alter table invoice add column credited_to_balance ${this.decimal} null`);
    this.addSql('alter table invoice add column preview integer not null default 0');

    this.addSql('alter table billing_run add column edges_total integer not null default 0');
    this.addSql('alter table billing_run add column unpriced_lines integer not null default 0');
    this.addSql('alter table billing_run add column preview integer not null default 0');
    this.addSql("alter table billing_run add column started_by varchar(200) not null default ''");

    this.addSql('alter table credit_note add column request_digest varchar(64) null');
  }

  /**
   * SQLite cannot drop a table constraint: the table is rebuilt (its documented
   * procedure). Foreign keys cannot be switched off inside the migration's
   * transaction, so they are deferred to the commit, when `invoice` exists again,
   * and the lines — which the drop would cascade away — are kept aside and put back.
   */
  private rebuildSqliteInvoiceWithoutEdgeKey(): void {
    this.addSql('pragma defer_foreign_keys = on');
    this.addSql('create table invoice_line_kept as select * from invoice_line');
    this.addSql(`create table invoice_rebuilt (
      id varchar(64) primary key,
      number varchar(200) null,
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      period_start bigint not null,
      period_end bigint not null,
      currency varchar(3) not null,
      status varchar(16) not null,
      subtotal text not null,
      tax_rate text not null,
      tax text not null,
      total text not null,
      credits_applied text not null,
      amount_due text not null,
      content_digest varchar(64) not null,
      void_reason text null,
      created_at bigint not null,
      updated_at bigint not null,
      finalized_at bigint null,
      constraint invoice_seller_number_uq unique (seller_tenant_id, number))`);
    this.addSql(
      `insert into invoice_rebuilt (${INVOICE_COLUMNS}) select ${INVOICE_COLUMNS} from invoice`,
    );
    this.addSql('drop table invoice');
    this.addSql('alter table invoice_rebuilt rename to invoice');
    this.addSql('insert into invoice_line select * from invoice_line_kept');
    this.addSql('drop table invoice_line_kept');
    this.addSql('create index invoice_buyer_idx on invoice (buyer_tenant_id, period_start)');
  }
}
