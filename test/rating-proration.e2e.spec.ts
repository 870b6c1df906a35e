// FLAT amounts and minimums on part of a period, end to end: prorated by the
// part of the period the plan applies, as subscription fees are (INVOICING.md,
// "Proration"). On SQLite and PostgreSQL.
import {
  BACKENDS,
  Cascade,
  CascadeClients,
  grpcClients,
  Message,
  startCascade,
  timestamp,
} from './support';

const OCTOBER = {
  period_start: timestamp('2026-10-01T00:00:00Z'),
  period_end: timestamp('2026-11-01T00:00:00Z'),
};

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`FLAT and minimum proration on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    const t: Record<'provider' | 'reseller' | 'joiner' | 'stayer', Message> = {} as never;
    let changed: Message;

    const lines = (edge: Message) =>
      edge.lines.map((l: Message) =>
        [l.meter_code, `v${l.plan_version}`, l.quantity, l.minimum_adjustment, l.amount].join(' '),
      );
    const rate = (buyer: Message) => api.rating.RateEdge({ buyer_tenant_id: buyer.id, ...OCTOBER });
    const plan = (seller: Message, code: string, charges: Message[]) =>
      api.plans.CreatePlan({
        seller_tenant_id: seller.id,
        code,
        name: code,
        currency: 'USD',
        billing_model: 'BILLING_MODEL_PAYG',
        interval: 'INTERVAL_MONTHLY',
        charges,
      });
    const assign = (buyer: Message, p: Message, from: string) =>
      api.plans.AssignPlan({
        buyer_tenant_id: buyer.id,
        plan_id: p.id,
        effective_from: timestamp(from),
      });
    const retailCharges = [
      { meter_code: 'seats', model: 'CHARGE_MODEL_FLAT', flat_amount: '31' },
      {
        meter_code: 'calls',
        model: 'CHARGE_MODEL_PER_UNIT',
        unit_price: '0.01',
        minimum_amount: '62',
      },
    ];

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering', 'rating'] });
      api = grpcClients(cascade.urls);
      const tenant = async (parent: Message | undefined, ref: string, kind: string) =>
        api.tenants.CreateTenant({
          parent_id: parent?.id ?? '',
          external_ref: ref,
          name: ref,
          kind,
          currency: 'USD',
        });
      t.provider = await tenant(undefined, 'p', 'TENANT_KIND_PROVIDER');
      t.reseller = await tenant(t.provider, 'r', 'TENANT_KIND_RESELLER');
      t.joiner = await tenant(t.reseller, 'joiner', 'TENANT_KIND_CUSTOMER');
      t.stayer = await tenant(t.reseller, 'stayer', 'TENANT_KIND_CUSTOMER');
      for (const code of ['calls', 'seats'])
        await api.meters.CreateMeter({
          code,
          name: code,
          unit: 'unit',
          aggregation: 'AGGREGATION_SUM',
        });
      const retail = await plan(t.reseller, 'retail', retailCharges);
      changed = await plan(t.reseller, 'changed', retailCharges);
      await assign(t.joiner, retail, '2026-10-16T00:00:00Z');
      await assign(t.stayer, changed, '2026-01-01T00:00:00Z');
      await api.plans.UpdatePlan({
        id: changed.id,
        charges: retailCharges,
        effective_from: timestamp('2026-10-17T00:00:00Z'),
      });
      const used = await api.usage.RecordUsage({
        events: [t.joiner, t.stayer].map((buyer, i) => ({
          id: `calls-${i}`,
          tenant_id: buyer.id,
          meter_code: 'calls',
          quantity: '1000',
          timestamp: timestamp('2026-10-20T00:00:00Z'),
        })),
      });
      expect(used.accepted).toBe(2);
    }, 180_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    test('a buyer from the 16th pays 16/31 of the FLAT amount and of the minimum', async () => {
      // seats: 31 × 16/31 = 16; calls: 1000 × 0.01 = 10, topped up to 62 × 16/31 = 32.
      expect(lines(await rate(t.joiner))).toEqual(['seats v1 0 0 16', 'calls v1 1000 22 32']);
    });

    test('a version change mid-month splits them, never charges them twice', async () => {
      // Oct 1–17 under v1 (16/31), Oct 17–Nov 1 under v2 (15/31): 16 + 15 = 31 seats;
      // minimums 32 and 30; the 1000 calls (10) fall under v2.
      expect(lines(await rate(t.stayer))).toEqual([
        'seats v1 0 0 16',
        'calls v1 0 32 32',
        'seats v2 0 0 15',
        'calls v2 1000 20 30',
      ]);
    });
  });
}
