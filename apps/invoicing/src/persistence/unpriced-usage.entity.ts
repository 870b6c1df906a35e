import { EntitySchema } from '@mikro-orm/core';
import { UnpricedReason } from '@cascade/invoicing-domain';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';

/** Usage of one edge and meter in a period that no plan priced, as the last run found it. */
export interface UnpricedUsageRow {
  periodStart: Date;
  periodEnd: Date;
  sellerTenantId: string;
  buyerTenantId: string;
  meterCode: string;
  /** "/root/…/buyer/": the buyer's ancestors, itself included. */
  buyerPath: string;
  unit: string;
  quantity: Dec;
  reason: UnpricedReason;
  runId: string;
}

export const UnpricedUsageEntity = new EntitySchema<UnpricedUsageRow>({
  name: 'UnpricedUsageRow',
  tableName: 'unpriced_usage',
  properties: {
    periodStart: { type: InstantType, primary: true, fieldName: 'period_start' },
    periodEnd: { type: InstantType, primary: true, fieldName: 'period_end' },
    sellerTenantId: { type: 'string', primary: true, fieldName: 'seller_tenant_id' },
    buyerTenantId: { type: 'string', primary: true, fieldName: 'buyer_tenant_id' },
    meterCode: { type: 'string', primary: true, fieldName: 'meter_code' },
    buyerPath: { type: 'text', fieldName: 'buyer_path' },
    unit: { type: 'string' },
    quantity: { type: DecimalType },
    reason: { type: 'string' },
    runId: { type: 'string', fieldName: 'run_id' },
  },
});
