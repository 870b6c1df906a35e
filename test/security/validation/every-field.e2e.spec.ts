// Several bad fields in one request: the answer names every one, in one
// INVALID_ARGUMENT ("a: reason; b: reason"), each exactly as the per-field
// suite beside this file has it when it is the only bad field. Read, list and
// period RPCs of the three services, CreateApiKey, and every problem within a
// plan's charge, against the services as real processes, on SQLite and PostgreSQL.
import {
  Aggregation,
  BillingModel,
  Interval,
  MeterService,
  PlanService,
  TenantKind,
  TenantService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, ConnectClients, startCascade } from '../../support';
import { EVERY_FIELD_ROWS, EveryFieldFixture, EveryFieldRow } from './every-field-rows';
import { hostsOf, methodOf } from './validation-table';

for (const [label, database, describeOn] of BACKENDS)
  describeOn(`every bad field of a request is named at once, on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    let fixture: EveryFieldFixture;

    beforeAll(async () => {
      cascade = await startCascade({ database });
      operator = new ConnectClients(cascade.urls);
      const seller = await operator.client('metering', TenantService).createTenant({
        externalRef: 'every-field-seller',
        name: 'Seller',
        kind: TenantKind.PROVIDER,
        currency: 'USD',
      });
      const meter = await operator.client('metering', MeterService).createMeter({
        code: 'every.calls',
        name: 'calls',
        unit: 'call',
        aggregation: Aggregation.SUM,
      });
      const plan = await operator.client('rating', PlanService).createPlan({
        sellerTenantId: seller.id,
        code: 'every-field-update',
        currency: 'USD',
        billingModel: BillingModel.SUBSCRIPTION,
        interval: Interval.MONTHLY,
        name: 'Every field',
        subscriptionFee: '10',
      });
      fixture = { seller: seller.id, meter: meter.code, plan: plan.id };
    }, 120_000);

    afterAll(async () => {
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    // Titled by the RPC and the fields it names, so two rows of one RPC read apart.
    const title = (row: EveryFieldRow) =>
      `${row.rpc}: ${row.problems.map((p) => p.slice(0, p.indexOf(':'))).join(', ')}`;

    test.each(EVERY_FIELD_ROWS.map((row) => [title(row), row.rpc, row] as const))(
      '%s',
      async (_title, rpc, row) => {
        const request = typeof row.request === 'function' ? row.request(fixture) : row.request;
        const outcomes = await Promise.all(
          hostsOf(rpc).map((host) =>
            operator.call(host, methodOf(rpc), request, { take: 1, timeoutMs: 3_000 }),
          ),
        );
        expect(outcomes.map((o) => `${o.code} ${o.message}`)).toEqual(
          hostsOf(rpc).map(() => `INVALID_ARGUMENT ${row.problems.join('; ')}`),
        );
      },
      30_000,
    );
  });
