import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

export interface PlanRow {
  id: string;
  sellerTenantId: string;
  code: string;
  currency: string;
  billingModel: 'SUBSCRIPTION' | 'PAYG';
  interval: 'MONTHLY' | 'YEARLY';
  status: 'ACTIVE' | 'ARCHIVED';
  createdAt: Date;
}

export const PlanEntity = new EntitySchema<PlanRow>({
  name: 'PlanRow',
  tableName: 'plan',
  properties: {
    id: { type: 'string', primary: true },
    sellerTenantId: { type: 'string', fieldName: 'seller_tenant_id' },
    code: { type: 'string' },
    currency: { type: 'string' },
    billingModel: { type: 'string', fieldName: 'billing_model' },
    interval: { type: 'string', fieldName: 'billing_interval' },
    status: { type: 'string' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
  },
});
