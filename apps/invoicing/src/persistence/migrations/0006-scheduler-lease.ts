import { PortableMigration } from '@cascade/platform';

/**
 * The billing scheduler's lease: one row per scheduled job, held by one replica until
 * it expires. Claimed by a conditional UPDATE, so it works alike on SQLite and
 * PostgreSQL; the row exists from the start, so claiming never races an INSERT.
 */
export class Migration0006SchedulerLease extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql(`create table scheduler_lease (
      name varchar(64) not null primary key,
      holder varchar(200) not null,
      expires_at bigint not null)`);
    this.addSql("insert into scheduler_lease (name, holder, expires_at) values ('billing', '', 0)");
  }
}
