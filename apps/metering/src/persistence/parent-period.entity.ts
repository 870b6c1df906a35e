import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

/** One stretch of a tenant's life under one parent: attribution is as of event time. */
export interface ParentPeriodRow {
  id: string;
  tenantId: string;
  parentId: string | null;
  validFrom: Date;
  validTo: Date | null;
}

export const ParentPeriodEntity = new EntitySchema<ParentPeriodRow>({
  name: 'ParentPeriodRow',
  tableName: 'parent_period',
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string', fieldName: 'tenant_id' },
    parentId: { type: 'string', nullable: true, fieldName: 'parent_id' },
    validFrom: { type: InstantType, fieldName: 'valid_from' },
    validTo: { type: InstantType, nullable: true, fieldName: 'valid_to' },
  },
});
