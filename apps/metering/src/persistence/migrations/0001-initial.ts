import { PortableMigration } from '@cascade/platform';

export class Migration0001Initial extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql(`create table tenant (
      id varchar(64) primary key,
      parent_id varchar(64) null references tenant (id),
      external_ref varchar(255) not null unique,
      name varchar(255) not null,
      kind varchar(32) not null,
      currency varchar(3) not null,
      status varchar(32) not null,
      path text not null,
      created_at bigint not null)`);
    this.addSql('create index tenant_parent_idx on tenant (parent_id)');
    this.addSql(`create table parent_period (
      id varchar(64) primary key,
      tenant_id varchar(64) not null references tenant (id),
      parent_id varchar(64) null references tenant (id),
      valid_from bigint not null,
      valid_to bigint null)`);
    this.addSql('create index parent_period_tenant_idx on parent_period (tenant_id, valid_from)');
    this.addSql(`create table tree_revision (id integer primary key, revision bigint not null)`);
    this.addSql('insert into tree_revision (id, revision) values (1, 0)');
    this.addSql(`create table meter (
      code varchar(128) primary key,
      name varchar(255) not null,
      unit varchar(64) not null,
      aggregation varchar(32) not null,
      property varchar(255) not null)`);
    // Usage facts carry the tenant's ancestor path as of the event's time.
    this.addSql(`create table usage_event (
      source varchar(128) not null,
      event_id varchar(128) not null,
      tenant_id varchar(64) not null,
      path text not null,
      meter_code varchar(128) not null,
      quantity ${this.decimal} not null,
      ts bigint not null,
      resource_id varchar(255) not null,
      properties text not null,
      recorded_at bigint not null,
      primary key (source, event_id))`);
    this.addSql('create index usage_event_meter_ts_idx on usage_event (meter_code, ts)');
  }
}
