import { PortableMigration } from '@cascade/platform';

/**
 * Usage a billing run could not price, per period, edge and meter: replaced by every
 * run of the period, read by ListUnpricedUsage and the margin report. The buyer's path
 * ("/root/…/buyer/") finds a subtree's edges without asking metering.
 */
export class Migration0004UnpricedUsage extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql(`create table unpriced_usage (
      period_start bigint not null,
      period_end bigint not null,
      seller_tenant_id varchar(64) not null,
      buyer_tenant_id varchar(64) not null,
      meter_code varchar(200) not null,
      buyer_path text not null,
      unit varchar(200) not null,
      quantity ${this.decimal} not null,
      reason varchar(16) not null,
      run_id varchar(64) not null,
      primary key (period_start, period_end, seller_tenant_id, buyer_tenant_id, meter_code))`);
    this.addSql('create index unpriced_usage_period_idx on unpriced_usage (period_end)');
  }
}
