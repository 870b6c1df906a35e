import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

/** A buyer's subscription with its seller ends at effectiveAt: no fee from then on. */
export interface SubscriptionCancellationRow {
  sellerTenantId: string;
  buyerTenantId: string;
  effectiveAt: Date;
  createdAt: Date;
}

export const SubscriptionCancellationEntity = new EntitySchema<SubscriptionCancellationRow>({
  name: 'SubscriptionCancellationRow',
  tableName: 'subscription_cancellation',
  properties: {
    sellerTenantId: { type: 'string', primary: true, fieldName: 'seller_tenant_id' },
    buyerTenantId: { type: 'string', primary: true, fieldName: 'buyer_tenant_id' },
    effectiveAt: { type: InstantType, fieldName: 'effective_at' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
  },
});
