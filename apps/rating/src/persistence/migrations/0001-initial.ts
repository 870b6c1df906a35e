import { PortableMigration } from '@cascade/platform';

export class Migration0001Initial extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql(`create table plan (
      id varchar(64) primary key,
      seller_tenant_id varchar(64) not null,
      code varchar(128) not null,
      currency varchar(3) not null,
      billing_model varchar(32) not null,
      billing_interval varchar(32) not null,
      status varchar(32) not null,
      created_at bigint not null,
      unique (seller_tenant_id, code))`);
    this.addSql(`create table plan_version (
      id varchar(80) primary key,
      plan_id varchar(64) not null references plan (id),
      version integer not null,
      name varchar(255) not null,
      subscription_fee ${this.decimal} not null,
      charges text not null,
      effective_from bigint not null,
      created_at bigint not null,
      unique (plan_id, version))`);
    this.addSql(`create table assignment (
      id varchar(64) primary key,
      buyer_tenant_id varchar(64) not null,
      seller_tenant_id varchar(64) not null,
      plan_id varchar(64) not null references plan (id),
      effective_from bigint not null,
      created_at bigint not null)`);
    this.addSql(
      'create index assignment_buyer_idx on assignment (buyer_tenant_id, seller_tenant_id, effective_from)',
    );
  }
}
