import { EntitySchema } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { DecimalType, InstantType } from '@cascade/platform';

/** An immutable version of a plan: written once, never updated. */
export interface PlanVersionRow {
  id: string;
  planId: string;
  version: number;
  name: string;
  subscriptionFee: Dec;
  /** Charges as JSON with decimal strings (see charge-codec.ts). */
  charges: string;
  effectiveFrom: Date;
  createdAt: Date;
}

export const PlanVersionEntity = new EntitySchema<PlanVersionRow>({
  name: 'PlanVersionRow',
  tableName: 'plan_version',
  properties: {
    id: { type: 'string', primary: true },
    planId: { type: 'string', fieldName: 'plan_id' },
    version: { type: 'integer' },
    name: { type: 'string' },
    subscriptionFee: { type: DecimalType, fieldName: 'subscription_fee' },
    charges: { type: 'text' },
    effectiveFrom: { type: InstantType, fieldName: 'effective_from' },
    createdAt: { type: InstantType, fieldName: 'created_at' },
  },
});
