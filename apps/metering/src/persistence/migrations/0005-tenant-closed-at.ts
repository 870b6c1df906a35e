import { PortableMigration } from '@cascade/platform';

/** When a tenant was closed: usage time-stamped from then on is refused. */
export class Migration0005TenantClosedAt extends PortableMigration {
  override async up(): Promise<void> {
    this.addSql('alter table tenant add column closed_at bigint null');
  }
}
