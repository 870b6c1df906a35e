import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  ApiKeyService,
  BillingModel,
  ChargeModel,
  InvoiceService,
  Interval,
  MeterService,
  PlanService,
  Role,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import type { ConnectClients } from '../support';

export const OCTOBER = {
  periodStart: timestampFromDate(new Date('2026-10-01T00:00:00Z')),
  periodEnd: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
};
export const NOVEMBER = {
  periodStart: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
  periodEnd: timestampFromDate(new Date('2026-12-01T00:00:00Z')),
};
export const METER = 'calls';

/**
 * R (provider) → P (distributor) → A (reseller) → A1, A2, A3 (customers)
 *                                 → B (reseller) → B1 (customer)
 * The keys under test belong to A: its own subtree is A, A1, A2, A3; B and B1
 * are a sibling subtree; P and R are ancestors. From November A1 is also on a
 * subscription of A (a-sub), so that there is one to cancel.
 */
export interface FixtureTree {
  tenants: Record<'R' | 'P' | 'A' | 'A1' | 'A2' | 'A3' | 'B' | 'B1', string>;
  /** Plans by seller: rp (R), pp (P), ap and apSpare (A), bp (B). */
  plans: Record<'rp' | 'pp' | 'ap' | 'apSpare' | 'bp', string>;
  /** October invoices by "seller>buyer"; A>A2 and A>A3 are finalized, the rest drafts. */
  invoices: Record<string, string>;
  /** A's November draft for A1 (its subscription fee): the one draft a test may discard. */
  discardable: string;
  /** Bearer tokens of A's keys by role, and one key each of A1, B1 and P. */
  keys: Record<'ADMIN' | 'VIEWER' | 'INGEST', string>;
  keyIds: Record<'A1' | 'B1' | 'P', string>;
  tokens: Record<'A1' | 'B1', string>;
}

/** Builds the tree, its plans, a month of usage and its invoices, as the operator. */
export async function buildFixtureTree(operator: ConnectClients): Promise<FixtureTree> {
  const tenants = operator.client('metering', TenantService);
  const meters = operator.client('metering', MeterService);
  const usage = operator.client('metering', UsageService);
  const keys = operator.client('metering', ApiKeyService);
  const plans = operator.client('rating', PlanService);
  const invoices = operator.client('invoicing', InvoiceService);

  await meters.createMeter({
    code: METER,
    name: 'calls',
    unit: 'call',
    aggregation: Aggregation.SUM,
  });
  const ids = {} as FixtureTree['tenants'];
  const make = async (name: keyof FixtureTree['tenants'], parent: string, kind: TenantKind) => {
    const created = await tenants.createTenant({
      parentId: parent,
      externalRef: `matrix-${name}`,
      name,
      kind,
      currency: 'USD',
    });
    ids[name] = created.id;
  };
  await make('R', '', TenantKind.PROVIDER);
  await make('P', ids.R, TenantKind.DISTRIBUTOR);
  await make('A', ids.P, TenantKind.RESELLER);
  await make('B', ids.P, TenantKind.RESELLER);
  for (const name of ['A1', 'A2', 'A3'] as const) await make(name, ids.A, TenantKind.CUSTOMER);
  await make('B1', ids.B, TenantKind.CUSTOMER);

  const plan = async (seller: string, code: string, unitPrice: string) =>
    (
      await plans.createPlan({
        sellerTenantId: seller,
        code,
        name: code,
        currency: 'USD',
        billingModel: BillingModel.PAYG,
        interval: Interval.MONTHLY,
        charges: [{ meterCode: METER, model: ChargeModel.PER_UNIT, unitPrice }],
      })
    ).id;
  const planIds: FixtureTree['plans'] = {
    rp: await plan(ids.R, 'rp', '0.01'),
    pp: await plan(ids.P, 'pp', '0.02'),
    ap: await plan(ids.A, 'ap', '0.03'),
    apSpare: await plan(ids.A, 'ap-spare', '0.04'),
    bp: await plan(ids.B, 'bp', '0.05'),
  };
  const since = timestampFromDate(new Date('2026-01-01T00:00:00Z'));
  const assignments: [string, string][] = [
    [ids.P, planIds.rp],
    [ids.A, planIds.pp],
    [ids.B, planIds.pp],
    [ids.A1, planIds.ap],
    [ids.A2, planIds.ap],
    [ids.A3, planIds.ap],
    [ids.B1, planIds.bp],
  ];
  for (const [buyer, planId] of assignments)
    await plans.assignPlan({ buyerTenantId: buyer, planId, effectiveFrom: since });

  await usage.recordUsage({
    events: (['A1', 'A2', 'A3', 'B1'] as const).map((name, i) => ({
      id: `october-${name}`,
      tenantId: ids[name],
      meterCode: METER,
      quantity: String(100 * (i + 1)),
      timestamp: timestampFromDate(new Date('2026-10-15T00:00:00Z')),
    })),
  });
  await invoices.runBilling(OCTOBER);
  // From November A1 subscribes, so that it has a subscription to cancel.
  const { id: subscription } = await plans.createPlan({
    sellerTenantId: ids.A,
    code: 'a-sub',
    name: 'a-sub',
    currency: 'USD',
    billingModel: BillingModel.SUBSCRIPTION,
    interval: Interval.MONTHLY,
    subscriptionFee: '10.00',
  });
  await plans.assignPlan({
    buyerTenantId: ids.A1,
    planId: subscription,
    effectiveFrom: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
  });
  const invoiceIds: Record<string, string> = {};
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  for (const seller of ['R', 'P', 'A', 'B'] as const) {
    const { invoices: list } = await invoices.listInvoices({ sellerTenantId: ids[seller] });
    for (const invoice of list)
      invoiceIds[`${seller}>${names[invoice.buyerTenantId]}`] = invoice.id;
  }
  for (const id of [invoiceIds['A>A2'], invoiceIds['A>A3']]) await invoices.finalizeInvoice({ id });
  await invoices.runBilling(NOVEMBER);
  const [discardable] = (
    await invoices.listInvoices({
      sellerTenantId: ids.A,
      buyerTenantId: ids.A1,
      periodStart: NOVEMBER.periodStart,
    })
  ).invoices;

  const key = async (tenant: string, role: Role) =>
    keys.createApiKey({ tenantId: tenant, role, name: `matrix ${Role[role]}` });
  const adminKey = await key(ids.A, Role.ADMIN);
  const viewerKey = await key(ids.A, Role.VIEWER);
  const ingestKey = await key(ids.A, Role.INGEST);
  const a1 = await key(ids.A1, Role.VIEWER);
  const b1 = await key(ids.B1, Role.VIEWER);
  const p = await key(ids.P, Role.VIEWER);
  return {
    tenants: ids,
    plans: planIds,
    discardable: discardable!.id,
    invoices: invoiceIds,
    keys: { ADMIN: adminKey.secret, VIEWER: viewerKey.secret, INGEST: ingestKey.secret },
    keyIds: {
      A1: a1.apiKey?.id ?? '',
      B1: b1.apiKey?.id ?? '',
      P: p.apiKey?.id ?? '',
    },
    tokens: { A1: a1.secret, B1: b1.secret },
  };
}
