import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

export interface AssignmentRow {
  id: string;
  buyerTenantId: string;
  sellerTenantId: string;
  planId: string;
  effectiveFrom: Date;
  createdAt: Date;
}

export const AssignmentEntity = new EntitySchema<AssignmentRow>({
  name: 'AssignmentRow',
  tableName: 'assignment',
  properties: {
    id: { type: 'string', primary: true },
    buyerTenantId: { type: 'string', fieldName: 'buyer_tenant_id' },
    sellerTenantId: { type: 'string', fieldName: 'seller_tenant_id' },
    planId: { type: 'string', fieldName: 'plan_id' },
    effectiveFrom: { type: InstantType, fieldName: 'effective_from' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
  },
});
