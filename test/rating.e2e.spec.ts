// Rating end to end: versioned plans at every tier of a four-tier chain, a markup
// over a markup over graduated tiers, a version change splitting the period,
// RateTree agreeing with RateEdge, and ExplainLine naming where quantities came from.
import {
  Cascade,
  CascadeClients,
  grpcClients,
  Message,
  readServerStream,
  startCascade,
  timestamp,
} from './support';

const OCTOBER = {
  period_start: timestamp('2026-10-01T00:00:00Z'),
  period_end: timestamp('2026-11-01T00:00:00Z'),
};
const SINCE = timestamp('2026-01-01T00:00:00Z');

describe('rating end to end', () => {
  let cascade: Cascade;
  let api: CascadeClients;
  const t: Record<'provider' | 'distributor' | 'reseller' | 'customer', Message> = {} as never;
  const plans: Record<string, Message> = {};

  const tenant = (parent: Message | undefined, ref: string, kind: string, currency = 'USD') =>
    api.tenants.CreateTenant({
      parent_id: parent?.id ?? '',
      external_ref: ref,
      name: ref,
      kind,
      currency,
    });
  const plan = (seller: Message, code: string, charges: Message[], currency = 'USD') =>
    api.plans.CreatePlan({
      seller_tenant_id: seller.id,
      code,
      name: code,
      currency,
      billing_model: 'BILLING_MODEL_PAYG',
      interval: 'INTERVAL_MONTHLY',
      charges,
    });
  const rate = (buyer: Message, period = OCTOBER) =>
    api.rating.RateEdge({ buyer_tenant_id: buyer.id, ...period });
  const lines = (edge: Message) =>
    edge.lines.map((l: Message) => ({
      meter: l.meter_code,
      quantity: l.quantity,
      amount: l.amount,
      version: l.plan_version,
      tiers: l.tiers.map((x: Message) => `${x.units}×${x.unit_price}=${x.amount}`),
    }));

  beforeAll(async () => {
    cascade = await startCascade({ database: 'sqlite', services: ['metering', 'rating'] });
    api = grpcClients(cascade.urls);
    t.provider = await tenant(undefined, 'p', 'TENANT_KIND_PROVIDER');
    t.distributor = await tenant(t.provider, 'd', 'TENANT_KIND_DISTRIBUTOR');
    t.reseller = await tenant(t.distributor, 'r', 'TENANT_KIND_RESELLER');
    t.customer = await tenant(t.reseller, 'c', 'TENANT_KIND_CUSTOMER');
    await api.meters.CreateMeter({
      code: 'calls',
      name: 'calls',
      unit: 'call',
      aggregation: 'AGGREGATION_SUM',
    });
    const graduated = {
      meter_code: 'calls',
      model: 'CHARGE_MODEL_GRADUATED',
      tiers: [
        { up_to: '1000', unit_price: '0.01' },
        { up_to: '', unit_price: '0.005' },
      ],
    };
    plans.wholesale = await plan(t.provider, 'wholesale', [graduated]);
    plans.distribution = await plan(t.distributor, 'dist', [
      { meter_code: 'calls', model: 'CHARGE_MODEL_PERCENTAGE_MARKUP', markup_percent: '20' },
    ]);
    plans.retail = await plan(t.reseller, 'retail', [
      { meter_code: 'calls', model: 'CHARGE_MODEL_PERCENTAGE_MARKUP', markup_percent: '10' },
    ]);
    await api.plans.AssignPlan({
      buyer_tenant_id: t.distributor.id,
      plan_id: plans.wholesale.id,
      effective_from: SINCE,
    });
    await api.plans.AssignPlan({
      buyer_tenant_id: t.reseller.id,
      plan_id: plans.distribution.id,
      effective_from: SINCE,
    });
    await api.plans.AssignPlan({
      buyer_tenant_id: t.customer.id,
      plan_id: plans.retail.id,
      effective_from: SINCE,
    });
    const used = await api.usage.RecordUsage({
      events: [
        {
          id: 'c1',
          tenant_id: t.customer.id,
          meter_code: 'calls',
          quantity: '1500',
          timestamp: timestamp('2026-10-05T00:00:00Z'),
          resource_id: 'vm-1',
        },
        {
          id: 'r1',
          tenant_id: t.reseller.id,
          meter_code: 'calls',
          quantity: '500',
          timestamp: timestamp('2026-10-20T00:00:00Z'),
          resource_id: 'vm-2',
        },
      ],
    });
    expect(used.accepted).toBe(2);
  }, 180_000);

  afterAll(async () => {
    api?.close();
    await cascade?.stop();
  }, 60_000);

  test('rejects a plan whose charges are wrong, naming the field', async () => {
    await expect(
      plan(t.provider, 'x', [
        { meter_code: 'nope', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '1' },
      ]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: 'charges[0].meter_code: unknown meter "nope"',
    });
    await expect(
      plan(t.provider, 'x', [
        {
          meter_code: 'calls',
          model: 'CHARGE_MODEL_VOLUME',
          tiers: [{ up_to: '10', unit_price: '1' }],
        },
      ]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: 'charges[0].tiers: last tier must be open',
    });
    await expect(
      plan(t.provider, 'x', [
        { meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '1e-3' },
      ]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: 'charges[0].unit_price: not a decimal string: "1e-3"',
    });
    await expect(plan(t.provider, 'wholesale', [])).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    });
  });

  test('assigns a plan only to the seller’s own children, in their currency', async () => {
    await expect(
      api.plans.AssignPlan({
        buyer_tenant_id: t.reseller.id,
        plan_id: plans.wholesale.id,
        effective_from: SINCE,
      }),
    ).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    // A buyer in another currency than its seller's could never get a plan: it cannot exist.
    await expect(tenant(t.reseller, 'e', 'TENANT_KIND_CUSTOMER', 'EUR')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      details:
        "currency: EUR is not its parent's currency USD; a seller sells only in its own currency",
    });
  });

  test('prices each tier of the chain on its whole subtree, markups compounding', async () => {
    // 2000 calls: 1000 × 0.01 + 1000 × 0.005 = 15
    expect(lines(await rate(t.distributor))).toEqual([
      {
        meter: 'calls',
        quantity: '2000',
        amount: '15',
        version: 1,
        tiers: ['1000×0.01=10', '1000×0.005=5'],
      },
    ]);
    // the same 2000 at the distributor's cost + 20 %
    expect(lines(await rate(t.reseller))).toEqual([
      {
        meter: 'calls',
        quantity: '2000',
        amount: '18',
        version: 1,
        tiers: ['1000×0.012=12', '1000×0.006=6'],
      },
    ]);
    // the customer's 1500 at the reseller's cost + 10 %: (1000 × 0.01 + 500 × 0.005) × 1.2 × 1.1 = 16.5
    expect(lines(await rate(t.customer))).toEqual([
      {
        meter: 'calls',
        quantity: '1500',
        amount: '16.5',
        version: 1,
        tiers: ['1000×0.0132=13.2', '500×0.0066=3.3'],
      },
    ]);
  });

  test('RateTree rates every edge as RateEdge does, in one pass', async () => {
    const tree = await rateTree();
    const byBuyer = new Map(tree.map((e) => [e.buyer_tenant_id, lines(e)]));
    expect([...byBuyer.keys()].sort()).toEqual(
      [t.distributor.id, t.reseller.id, t.customer.id].sort(),
    );
    for (const buyer of [t.distributor, t.reseller, t.customer])
      expect(byBuyer.get(buyer.id)).toEqual(lines(await rate(buyer)));
  });

  test('explains a line by child tenant and by resource', async () => {
    const explained = await api.rating.ExplainLine({
      buyer_tenant_id: t.reseller.id,
      seller_tenant_id: t.distributor.id,
      meter_code: 'calls',
      from: OCTOBER.period_start,
      to: OCTOBER.period_end,
    });
    const sort = (list: Message[]) => list.map((c) => [c.key, c.quantity]).sort();
    expect([explained.quantity, explained.unit]).toEqual(['2000', 'call']);
    expect(sort(explained.by_tenant)).toEqual(
      sort([
        { key: t.customer.id, quantity: '1500' },
        { key: t.reseller.id, quantity: '500' },
      ]),
    );
    expect(sort(explained.by_resource)).toEqual([
      ['vm-1', '1500'],
      ['vm-2', '500'],
    ]);
  });

  test('a new version mid-period splits the period; earlier versions never change', async () => {
    const v2 = await api.plans.UpdatePlan({
      id: plans.wholesale.id,
      charges: [{ meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '0.008' }],
      effective_from: timestamp('2026-10-16T00:00:00Z'),
    });
    expect(v2.version).toBe(2);
    expect(lines(await rate(t.distributor))).toEqual([
      {
        meter: 'calls',
        quantity: '1500',
        amount: '12.5',
        version: 1,
        tiers: ['1000×0.01=10', '500×0.005=2.5'],
      },
      { meter: 'calls', quantity: '500', amount: '4', version: 2, tiers: ['500×0.008=4'] },
    ]);
    const v1 = await api.plans.GetPlan({ id: plans.wholesale.id, version: 1 });
    expect(v1.charges[0].model).toBe('CHARGE_MODEL_GRADUATED');
    await expect(
      api.plans.UpdatePlan({
        id: plans.wholesale.id,
        effective_from: timestamp('2026-10-10T00:00:00Z'),
      }),
    ).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });

  test('an archived plan takes no new buyers', async () => {
    const archived = await api.plans.ArchivePlan({ id: plans.retail.id });
    expect(archived.status).toBe('PLAN_STATUS_ARCHIVED');
    await expect(
      api.plans.AssignPlan({
        buyer_tenant_id: t.customer.id,
        plan_id: plans.retail.id,
        effective_from: SINCE,
      }),
    ).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: `plan_id: plan ${plans.retail.id} is archived`,
    });
  });

  function rateTree(): Promise<Message[]> {
    return readServerStream(
      api.channels.rating,
      'cascade.rating.v1.RatingService/RateTree',
      OCTOBER,
    );
  }
});
