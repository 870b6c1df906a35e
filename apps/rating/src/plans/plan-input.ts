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

export interface UpdatePlanInput {
  id: string;
  name: string;
  subscriptionFee?: Dec;
  charges: StoredCharge[];
  effectiveFrom: Date;
}
