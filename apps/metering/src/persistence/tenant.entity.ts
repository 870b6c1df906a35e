import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

export interface TenantRow {
  id: string;
  parentId: string | null;
  externalRef: string;
  name: string;
  kind: string;
  currency: string;
  status: string;
  /** "/root/…/id/": ancestors down to the tenant itself, as of now. */
  path: string;
  createdAt: Date;
  /** Set once, when the tenant is closed; usage from then on is refused. */
  closedAt: Date | null;
}

export const TenantEntity = new EntitySchema<TenantRow>({
  name: 'TenantRow',
  tableName: 'tenant',
  properties: {
    id: { type: 'string', primary: true },
    parentId: { type: 'string', nullable: true, fieldName: 'parent_id' },
    externalRef: { type: 'string', fieldName: 'external_ref' },
    name: { type: 'string' },
    kind: { type: 'string' },
    currency: { type: 'string' },
    status: { type: 'string' },
    path: { type: 'string' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
    closedAt: { type: InstantType, nullable: true, fieldName: 'closed_at' },
  },
});
