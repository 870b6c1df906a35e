import { AuditRow } from './audit.entity';

const COLUMNS =
  'at, service, rpc, actor_kind, actor_key_id, actor_tenant_id, actor_role, via_service, tenant_id, tenant_path, outcome, details';

/**
 * One audit row as a plain insert, for transactions the ORM does not flush:
 * its own commit hook and the ingest path on the driver's own connection.
 * `placeholder(i)` is "?" for knex and SQLite, "$1"… for the pg driver.
 */
export function auditInsert(
  row: AuditRow,
  placeholder: (index: number) => string = () => '?',
): { sql: string; values: (string | number)[] } {
  const values = [
    row.at.getTime(),
    row.service,
    row.rpc,
    row.actorKind,
    row.actorKeyId,
    row.actorTenantId,
    row.actorRole,
    row.viaService,
    row.tenantId,
    row.tenantPath,
    row.outcome,
    row.details,
  ];
  const marks = values.map((_, i) => placeholder(i)).join(', ');
  return { sql: `insert into audit_event (${COLUMNS}) values (${marks})`, values };
}
