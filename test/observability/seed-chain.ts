import { CascadeClients, Message, timestamp } from '../support';

export const OCTOBER = {
  period_start: timestamp('2026-10-01T00:00:00Z'),
  period_end: timestamp('2026-11-01T00:00:00Z'),
};

export interface Chain {
  provider: Message;
  reseller: Message;
  customer: Message;
}

/** provider → reseller → customer, one SUM meter, a PAYG plan on each edge. */
export async function seedChain(api: CascadeClients): Promise<Chain> {
  const tenant = (parent: Message | undefined, ref: string, kind: string) =>
    api.tenants.CreateTenant({
      parent_id: parent?.id ?? '',
      external_ref: ref,
      name: ref,
      kind,
      currency: 'USD',
    });
  const provider = await tenant(undefined, 'acme', 'TENANT_KIND_PROVIDER');
  const reseller = await tenant(provider, 'blue', 'TENANT_KIND_RESELLER');
  const customer = await tenant(reseller, 'cust', 'TENANT_KIND_CUSTOMER');
  await api.meters.CreateMeter({
    code: 'api.calls',
    name: 'API calls',
    unit: 'call',
    aggregation: 'AGGREGATION_SUM',
  });
  const plan = (seller: Message, code: string, unitPrice: string) =>
    api.plans.CreatePlan({
      seller_tenant_id: seller.id,
      code,
      name: code,
      currency: 'USD',
      billing_model: 'BILLING_MODEL_PAYG',
      interval: 'INTERVAL_MONTHLY',
      charges: [{ meter_code: 'api.calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: unitPrice }],
    });
  const since = timestamp('2026-01-01T00:00:00Z');
  const wholesale = await plan(provider, 'wholesale', '0.01');
  const retail = await plan(reseller, 'retail', '0.0125');
  await api.plans.AssignPlan({
    buyer_tenant_id: reseller.id,
    plan_id: wholesale.id,
    effective_from: since,
  });
  await api.plans.AssignPlan({
    buyer_tenant_id: customer.id,
    plan_id: retail.id,
    effective_from: since,
  });
  return { provider, reseller, customer };
}

/** `count` October events of the customer with ids `${prefix}-0` … */
export function octoberEvents(prefix: string, count: number, from = 0): Message[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${from + i}`,
    tenant_external_ref: 'cust',
    meter_code: 'api.calls',
    quantity: '1',
    timestamp: timestamp(new Date(Date.UTC(2026, 9, 1 + ((from + i) % 28), 12))),
  }));
}
