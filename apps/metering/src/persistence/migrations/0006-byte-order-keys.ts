import { PortableMigration } from '@cascade/platform';

/**
 * The ingest hot path compares text keys millions of times (dedup key, edge
 * rollup key, their sorts). Under a libc collation such as `C.UTF-8` every
 * comparison goes through `strcoll` and sorts lose abbreviated keys; `"C"`
 * compares bytes. Ids are ASCII, so equality and order do not change. The
 * rollup table leaves room on each page so an upsert of an existing hour is
 * a HOT update that writes no new index entry. SQLite already compares bytes
 * (`BINARY`) and has no fill factor.
 */
export class Migration0006ByteOrderKeys extends PortableMigration {
  override async up(): Promise<void> {
    if (!this.isPostgres) return;
    this.addSql(`alter table usage_event
      alter column source type varchar(128) collate "C",
      alter column event_id type varchar(128) collate "C",
      alter column meter_code type varchar(128) collate "C"`);
    this.addSql(`alter table usage_edge_rollup
      alter column meter_code type varchar(128) collate "C",
      alter column ancestor_id type varchar(64) collate "C",
      alter column child_id type varchar(64) collate "C"`);
    this.addSql('alter table usage_edge_rollup set (fillfactor = 80)');
  }
}
