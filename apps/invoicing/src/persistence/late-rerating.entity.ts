import { EntitySchema } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';

/**
 * What a locked (finalized or paid) period of an edge comes to now, per meter, as
 * invoices round it: kept while it differs from what was billed for the period, so the
 * next invoice can bill the difference as an adjustment.
 */
export interface LateReratingRow {
  sellerTenantId: string;
  buyerTenantId: string;
  periodStart: Date;
  periodEnd: Date;
  meterCode: string;
  quantity: Dec;
  amount: Dec;
  reratedAt: Date;
}

export const LateReratingEntity = new EntitySchema<LateReratingRow>({
  name: 'LateReratingRow',
  tableName: 'late_rerating',
  properties: {
    sellerTenantId: { type: 'string', primary: true, fieldName: 'seller_tenant_id' },
    buyerTenantId: { type: 'string', primary: true, fieldName: 'buyer_tenant_id' },
    periodStart: { type: InstantType, primary: true, fieldName: 'period_start' },
    periodEnd: { type: InstantType, primary: true, fieldName: 'period_end' },
    meterCode: { type: 'string', primary: true, fieldName: 'meter_code' },
    quantity: { type: DecimalType },
    amount: { type: DecimalType },
    reratedAt: { type: InstantType, fieldName: 'rerated_at' },
  },
});
