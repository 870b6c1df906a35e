// UpdatePlan through the public API, on SQLite and PostgreSQL: a new version changes
// only what the request names (by update_mask, or by setting it) and copies the rest
// from the latest version; plan requests name every invalid field at once.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  BillingModel,
  ChargeModel,
  Interval,
  MeterService,
  PlanService,
  TenantKind,
  TenantService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, connectJson, ConnectClients, startCascade } from '../support';

const METER = 'plan.calls';
const from = (iso: string) => timestampFromDate(new Date(iso));
const perUnit = (unitPrice: string) => ({
  meterCode: METER,
  model: ChargeModel.PER_UNIT,
  unitPrice,
});

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`plan updates on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    let seller: string;
    const plans = () => operator.client('rating', PlanService);
    const createPlan = (code: string) =>
      plans().createPlan({
        sellerTenantId: seller,
        code,
        name: code,
        currency: 'USD',
        billingModel: BillingModel.SUBSCRIPTION,
        interval: Interval.MONTHLY,
        subscriptionFee: '10',
        charges: [perUnit('0.5')],
      });
    const shape = (plan: Awaited<ReturnType<typeof createPlan>>) => ({
      version: plan.version,
      name: plan.name,
      fee: plan.subscriptionFee,
      prices: plan.charges.map((c) => c.unitPrice),
    });

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering', 'rating'] });
      operator = new ConnectClients(cascade.urls);
      await operator.client('metering', MeterService).createMeter({
        code: METER,
        name: 'calls',
        unit: 'call',
        aggregation: Aggregation.SUM,
      });
      const root = await operator.client('metering', TenantService).createTenant({
        externalRef: 'plans-root',
        name: 'Plans root',
        kind: TenantKind.PROVIDER,
        currency: 'USD',
      });
      seller = root.id;
    }, 120_000);

    afterAll(async () => {
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    test('a new version changes what it names and copies the rest', async () => {
      const plan = await createPlan('basic');
      const renamed = await plans().updatePlan({
        id: plan.id,
        name: 'Basic',
        effectiveFrom: from('2026-02-01T00:00:00Z'),
      });
      const repriced = await plans().updatePlan({
        id: plan.id,
        subscriptionFee: '12',
        effectiveFrom: from('2026-03-01T00:00:00Z'),
      });
      const masked = await plans().updatePlan({
        id: plan.id,
        name: 'Not this',
        subscriptionFee: '99',
        updateMask: { paths: ['charges'] },
        effectiveFrom: from('2026-04-01T00:00:00Z'),
      });
      const free = await plans().updatePlan({
        id: plan.id,
        updateMask: { paths: ['subscription_fee'] },
        effectiveFrom: from('2026-05-01T00:00:00Z'),
      });
      expect([renamed, repriced, masked, free].map(shape)).toEqual([
        { version: 2, name: 'Basic', fee: '10', prices: ['0.5'] },
        { version: 3, name: 'Basic', fee: '12', prices: ['0.5'] },
        { version: 4, name: 'Basic', fee: '12', prices: [] },
        { version: 5, name: 'Basic', fee: '0', prices: [] },
      ]);
      expect(shape(await plans().getPlan({ id: plan.id, version: 3 }))).toEqual(shape(repriced));
    });

    test('a bad mask path or several bad fields are refused at once, naming each', async () => {
      const plan = await createPlan('refusals');
      const update = (req: Record<string, unknown>) =>
        operator.call('rating', PlanService.method.updatePlan, req);
      const refusals = await Promise.all([
        update({
          id: plan.id,
          updateMask: { paths: ['fee'] },
          effectiveFrom: from('2026-02-01T00:00:00Z'),
        }),
        update({ id: plan.id, subscriptionFee: '-1', charges: [{ model: 99 }] }),
      ]);
      expect(refusals.map((r) => [r.code, r.message])).toEqual([
        [
          'INVALID_ARGUMENT',
          'update_mask: unknown field "fee": one of name, subscription_fee, charges',
        ],
        [
          'INVALID_ARGUMENT',
          'subscription_fee: must not be negative; charges[0].model: must be one of ' +
            'PER_UNIT, GRADUATED, VOLUME, PACKAGE, FLAT, PERCENTAGE_MARKUP; ' +
            'charges[0].meter_code: is required; effective_from: is required',
        ],
      ]);
      const created = await operator.call('rating', PlanService.method.createPlan, {
        sellerTenantId: seller,
        currency: 'usd',
        subscriptionFee: 'ten',
        charges: [perUnit('1'), { model: ChargeModel.PER_UNIT }],
      });
      expect([created.code, created.message]).toEqual([
        'INVALID_ARGUMENT',
        'code: is required; name: is required; currency: unknown ISO 4217 currency code "usd"; ' +
          'billing_model: must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG; ' +
          'interval: must be INTERVAL_MONTHLY or INTERVAL_YEARLY; ' +
          'subscription_fee: not a decimal string: "ten"; charges[1].meter_code: is required; ' +
          'charges[1].unit_price: is required',
      ]);
      expect((await plans().getPlan({ id: plan.id })).version).toBe(1);
    });

    test('a timestamp that is not RFC 3339 on the JSON path is named', async () => {
      const plan = await createPlan('json-time');
      const answer = await connectJson(
        cascade.urls.rating,
        'cascade.rating.v1.PlanService/UpdatePlan',
        { id: plan.id, name: 'Later', effectiveFrom: 'next tuesday' },
      );
      expect([answer.status, answer.body]).toEqual([
        400,
        { code: 'invalid_argument', message: 'effective_from: not an RFC 3339 timestamp' },
      ]);
      expect((await plans().getPlan({ id: plan.id })).version).toBe(1);
    });
  });
}
