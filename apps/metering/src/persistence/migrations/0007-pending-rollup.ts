import { PortableMigration } from '@cascade/platform';

/**
 * What a PostgreSQL ingest adds to the edge rollups, per (meter, path, hour),
 * appended in the facts' transaction and folded onto the edges by
 * `RollupFolder` in transactions of its own. Appending one row per path and
 * hour costs a fraction of upserting every edge above it, which bound ingest;
 * reads add these rows to the folded ones in the same statement, so nothing
 * acked is ever missing from a total. No key and no index: rows are only
 * appended, read while few, and taken whole. SQLite, a single writer, keeps
 * upserting the edges in the ingest transaction.
 */
export class Migration0007PendingRollup extends PortableMigration {
  override async up(): Promise<void> {
    if (!this.isPostgres) return;
    this.addSql(`create table usage_pending_rollup (
      meter_code varchar(128) collate "C" not null,
      path text collate "C" not null,
      hour bigint not null,
      total numeric not null,
      events bigint not null,
      peak numeric not null)`);
  }
}
