import { PortableMigration } from '@cascade/platform';

/**
 * Hourly totals per (meter, ancestor path) for additive meters, written in the
 * same transaction as the facts, so a month's subtree query reads at most one
 * row per path and hour instead of every event.
 */
export class Migration0002UsageRollup extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql(`create table usage_rollup (
      meter_code varchar(128) not null,
      path text not null,
      hour bigint not null,
      total ${this.decimal} not null,
      events bigint not null,
      peak ${this.decimal} not null,
      primary key (meter_code, hour, path))`);
  }
}
