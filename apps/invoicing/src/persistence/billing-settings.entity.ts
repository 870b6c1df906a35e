import { EntitySchema } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';

export type AnchorKind = 'CALENDAR' | 'ANNIVERSARY';

/** A buyer's billing settings; a buyer without a row bills on the calendar, untaxed. */
export interface BillingSettingsRow {
  buyerTenantId: string;
  /** 0.2 for 20 %; null for none. */
  taxRate: Dec | null;
  anchor: AnchorKind;
  anniversaryAt: Date | null;
  updatedAt: Date;
}

export const BillingSettingsEntity = new EntitySchema<BillingSettingsRow>({
  name: 'BillingSettingsRow',
  tableName: 'billing_settings',
  properties: {
    buyerTenantId: { type: 'string', primary: true, fieldName: 'buyer_tenant_id' },
    taxRate: { type: DecimalType, nullable: true, fieldName: 'tax_rate' },
    anchor: { type: 'string' },
    anniversaryAt: { type: InstantType, nullable: true, fieldName: 'anniversary_at' },
    updatedAt: { type: InstantType, fieldName: 'updated_at' },
  },
});
