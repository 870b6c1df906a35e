import { PortableMigration } from '@cascade/platform';

/** API keys of tenants: the secret only as a sha256 hash. */
export class Migration0003ApiKeys extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql(`create table api_key (
      id varchar(64) primary key,
      tenant_id varchar(64) not null references tenant (id),
      role varchar(16) not null,
      name varchar(255) not null,
      secret_hash char(64) not null,
      created_by varchar(64) not null,
      created_at bigint not null,
      revoked_at bigint null)`);
    this.addSql('create index api_key_tenant_idx on api_key (tenant_id)');
  }
}
