import { Dec } from '@cascade/money';
import { StoredCharge } from './charge-codec';

export interface CreatePlanInput {
  sellerTenantId: string;
  code: string;
  name: string;
  currency: string;
  billingModel: 'SUBSCRIPTION' | 'PAYG';
  interval: 'MONTHLY' | 'YEARLY';
  subscriptionFee: Dec;
  charges: StoredCharge[];
}

/** A new version: an empty name, no fee, no charges keep the latest version's. */
export interface UpdatePlanInput {
  id: string;
  name: string;
  subscriptionFee?: Dec;
  /** Undefined keeps the charges; an empty list is a version with none. */
  charges?: StoredCharge[];
  effectiveFrom: Date;
}
