// PreviewPlan end to end: what a buyer's October would cost under a plan not saved
// yet (a new plan, or a new version of a stored one), rated exactly as RateEdge
// rates, with the candidate checked as CreatePlan/UpdatePlan check it and nothing
// written. On SQLite and PostgreSQL.
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
const SINCE = timestamp('2026-01-01T00:00:00Z');

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`PreviewPlan on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    const t: Record<'provider' | 'reseller' | 'customer', Message> = {} as never;
    let retail: Message;

    const lines = (edge: Message) =>
      edge.lines.map((l: Message) => ({
        meter: l.meter_code,
        quantity: l.quantity,
        amount: l.amount,
        plan: l.plan_id,
        version: l.plan_version,
        minimum: l.minimum_adjustment,
      }));
    const newPlan = (charges: Message[], fields: Message = {}) => ({
      seller_tenant_id: t.reseller.id,
      code: 'candidate',
      name: 'Candidate',
      currency: 'USD',
      billing_model: 'BILLING_MODEL_PAYG',
      interval: 'INTERVAL_MONTHLY',
      charges,
      ...fields,
    });
    const preview = (request: Message) =>
      api.rating.PreviewPlan({ buyer_tenant_id: t.customer.id, ...OCTOBER, ...request });
    /** Everything a preview could have written, read back through the API. */
    const stored = async () => ({
      plans: (await api.plans.ListPlans({ seller_tenant_id: t.reseller.id })).plans.map(
        (p: Message) => `${p.code} v${p.version}`,
      ),
      assignments: (
        await api.plans.ListAssignments({ buyer_tenant_id: t.customer.id })
      ).assignments.map((a: Message) => a.plan_id),
      rated: lines(await api.rating.RateEdge({ buyer_tenant_id: t.customer.id, ...OCTOBER })),
    });

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
      t.customer = await tenant(t.reseller, 'c', 'TENANT_KIND_CUSTOMER');
      await api.meters.CreateMeter({
        code: 'calls',
        name: 'calls',
        unit: 'call',
        aggregation: 'AGGREGATION_SUM',
      });
      const wholesale = await api.plans.CreatePlan(
        newPlan([{ meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '0.01' }], {
          seller_tenant_id: t.provider.id,
          code: 'wholesale',
        }),
      );
      retail = await api.plans.CreatePlan(
        newPlan([{ meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '0.02' }], {
          code: 'retail',
        }),
      );
      for (const [buyer, plan] of [
        [t.reseller, wholesale],
        [t.customer, retail],
      ])
        await api.plans.AssignPlan({
          buyer_tenant_id: buyer.id,
          plan_id: plan.id,
          effective_from: SINCE,
        });
      const used = await api.usage.RecordUsage({
        events: [
          ['e1', '1500', '2026-10-05T00:00:00Z'],
          ['e2', '500', '2026-10-20T00:00:00Z'],
        ].map(([id, quantity, at]) => ({
          id,
          tenant_id: t.customer.id,
          meter_code: 'calls',
          quantity,
          timestamp: timestamp(at),
        })),
      });
      expect(used.accepted).toBe(2);
    }, 180_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    test('a new plan: the buyer priced under it for the whole period, nothing written', async () => {
      const before = await stored();
      expect(before.rated).toEqual([
        {
          meter: 'calls',
          quantity: '2000',
          amount: '40',
          plan: retail.id,
          version: 1,
          minimum: '0',
        },
      ]);
      const edge = await preview({
        plan: newPlan([
          {
            meter_code: 'calls',
            model: 'CHARGE_MODEL_GRADUATED',
            tiers: [
              { up_to: '1000', unit_price: '0.03' },
              { up_to: '', unit_price: '0.02' },
            ],
            minimum_amount: '60',
          },
        ]),
      });
      // 1000 × 0.03 + 1000 × 0.02 = 50, lifted to the minimum of 60; an unsaved plan has no id.
      expect(lines(edge)).toEqual([
        { meter: 'calls', quantity: '2000', amount: '60', plan: '', version: 1, minimum: '10' },
      ]);
      expect([edge.seller_tenant_id, edge.buyer_tenant_id, edge.currency]).toEqual([
        t.reseller.id,
        t.customer.id,
        'USD',
      ]);
      expect(await stored()).toEqual(before);
    });

    test('a markup prices over what the seller really pays', async () => {
      const edge = await preview({
        plan: newPlan([
          { meter_code: 'calls', model: 'CHARGE_MODEL_PERCENTAGE_MARKUP', markup_percent: '50' },
        ]),
      });
      // 2000 × 0.01 × 1.5
      expect(lines(edge)).toEqual([
        { meter: 'calls', quantity: '2000', amount: '30', plan: '', version: 1, minimum: '0' },
      ]);
    });

    test('a new version from mid-October splits the period as RateEdge would', async () => {
      const before = await stored();
      const edge = await preview({
        plan_id: retail.id,
        update: {
          charges: [{ meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '0.05' }],
          effective_from: timestamp('2026-10-16T00:00:00Z'),
        },
      });
      // 1500 × 0.02 before the 16th, 500 × 0.05 from it.
      expect(lines(edge)).toEqual([
        {
          meter: 'calls',
          quantity: '1500',
          amount: '30',
          plan: retail.id,
          version: 1,
          minimum: '0',
        },
        {
          meter: 'calls',
          quantity: '500',
          amount: '25',
          plan: retail.id,
          version: 2,
          minimum: '0',
        },
      ]);
      expect(edge.spans.map((s: Message) => s.plan_version)).toEqual([1, 2]);
      expect(await stored()).toEqual(before);
      expect((await api.plans.GetPlan({ id: retail.id })).version).toBe(1);
    });

    test('the candidate is refused as CreatePlan/UpdatePlan refuse it, its field prefixed', async () => {
      const archived = await api.plans.CreatePlan(
        newPlan([{ meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '1' }], {
          code: 'archived',
        }),
      );
      await api.plans.ArchivePlan({ id: archived.id });
      const before = await stored();
      const cases: [Message, string, string][] = [
        [
          { plan_id: archived.id, update: { effective_from: SINCE } },
          'FAILED_PRECONDITION',
          `plan_id: plan ${archived.id} is archived`,
        ],
        [{}, 'INVALID_ARGUMENT', 'plan: give either plan or plan_id (with update)'],
        [
          { plan: newPlan([]), plan_id: retail.id },
          'INVALID_ARGUMENT',
          'plan: give either plan or plan_id (with update), not both',
        ],
        [
          { plan: newPlan([]), update: { name: 'x' } },
          'INVALID_ARGUMENT',
          'update: goes with plan_id, not with plan',
        ],
        [
          {
            plan: newPlan([
              { meter_code: 'calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '-1' },
            ]),
          },
          'INVALID_ARGUMENT',
          'plan.charges[0].unit_price: must not be negative',
        ],
        [
          {
            plan: newPlan([
              { meter_code: 'nope', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '1' },
            ]),
          },
          'INVALID_ARGUMENT',
          'plan.charges[0].meter_code: unknown meter "nope"',
        ],
        [
          { plan: newPlan([], { code: 'retail' }) },
          'ALREADY_EXISTS',
          'plan.code: seller already has a plan "retail"',
        ],
        [
          { plan: newPlan([], { seller_tenant_id: t.provider.id }) },
          'FAILED_PRECONDITION',
          `plan.seller_tenant_id: ${t.provider.id} is not the buyer's seller ${t.reseller.id}`,
        ],
        [
          { plan: newPlan([], { currency: 'EUR' }) },
          'INVALID_ARGUMENT',
          "plan.currency: EUR is not the seller's currency USD; a seller sells only in its own currency",
        ],
        [
          { plan: newPlan([], { subscription_fee: '5' }) },
          'INVALID_ARGUMENT',
          'plan.subscription_fee: a PAYG plan bills no subscription fee',
        ],
        [
          { plan_id: retail.id, update: {} },
          'INVALID_ARGUMENT',
          'update.effective_from: is required',
        ],
        [
          { plan_id: retail.id, update: { id: t.customer.id, effective_from: SINCE } },
          'INVALID_ARGUMENT',
          'update.id: must be empty or the same as plan_id',
        ],
        [
          { plan_id: retail.id, update: { effective_from: timestamp('1970-01-01T00:00:00Z') } },
          'FAILED_PRECONDITION',
          "update.effective_from: must be after version 1's 1970-01-01T00:00:00.000Z",
        ],
      ];
      const outcomes: string[] = [];
      for (const [request] of cases)
        outcomes.push(
          await preview(request).then(
            () => 'OK',
            (error: { code: string; details: string }) => `${error.code} ${error.details}`,
          ),
        );
      expect(outcomes).toEqual(cases.map(([, code, message]) => `${code} ${message}`));
      expect(await stored()).toEqual(before);
    });
  });
}
