import { PortableMigration } from '../database/portable-migration';

/** Every service's audit log, in its own database: appended after the service's own migrations. */
export class PlatformAudit0001 extends PortableMigration {
  override async up(): Promise<void> {
    const key = this.isPostgres ? 'bigserial primary key' : 'integer primary key autoincrement';
    this.addSql(`create table audit_event (
      seq ${key},
      at bigint not null,
      service varchar(32) not null,
      rpc varchar(255) not null,
      actor_kind varchar(16) not null,
      actor_key_id varchar(64) not null,
      actor_tenant_id varchar(64) not null,
      actor_role varchar(16) not null,
      via_service varchar(32) not null,
      tenant_id varchar(64) not null,
      tenant_path text not null,
      outcome varchar(32) not null,
      details text not null)`);
    this.addSql('create index audit_event_path_idx on audit_event (tenant_path, seq)');
  }
}

export const PLATFORM_MIGRATIONS = [{ name: 'PlatformAudit0001', class: PlatformAudit0001 }];
