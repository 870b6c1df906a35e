import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { InstantType } from '../database/instant.type';

export interface AuditRow {
  /** Increasing per service: the order of the log and its page token. */
  seq?: number;
  at: Date;
  service: string;
  rpc: string;
  actorKind: string;
  actorKeyId: string;
  actorTenantId: string;
  actorRole: string;
  viaService: string;
  tenantId: string;
  /** The tenant's path when the event was recorded; '' for installation-wide calls. */
  tenantPath: string;
  outcome: string;
  details: string;
}

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'AuditRow',
  tableName: 'audit_event',
  properties: {
    // bigserial in PostgreSQL, which the driver would hand back as a string.
    seq: { type: new BigIntType('number'), primary: true, autoincrement: true },
    at: { type: InstantType },
    service: { type: 'string' },
    rpc: { type: 'string' },
    actorKind: { type: 'string', fieldName: 'actor_kind' },
    actorKeyId: { type: 'string', fieldName: 'actor_key_id' },
    actorTenantId: { type: 'string', fieldName: 'actor_tenant_id' },
    actorRole: { type: 'string', fieldName: 'actor_role' },
    viaService: { type: 'string', fieldName: 'via_service' },
    tenantId: { type: 'string', fieldName: 'tenant_id' },
    tenantPath: { type: 'string', fieldName: 'tenant_path' },
    outcome: { type: 'string' },
    details: { type: 'string' },
  },
});
