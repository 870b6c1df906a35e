// PostgreSQL restarted under the running services (a private cluster, so other suites
// are untouched): while it is down every call that needs the database fails with
// UNAVAILABLE; once it is back the same processes answer again, data intact.
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
} from '@cascade/contracts';
import { waitFor } from '@cascade/plugin-sdk/testing';
import { Cascade, CallOutcome, ConnectClients, startCascade } from '../support';
import { PrivatePostgres } from './private-postgres';

describe('PostgreSQL restarted while the services run', () => {
  let postgres: PrivatePostgres;
  let cascade: Cascade;
  let operator: ConnectClients;
  let viewer: ConnectClients;
  let providerId = '';

  /** One read per service, as the operator, and one through an API key (authenticated in metering). */
  const probes = (): [string, () => Promise<CallOutcome>][] => [
    [
      'metering GetTenant',
      () => operator.call('metering', TenantService.method.getTenant, { id: providerId }),
    ],
    [
      'rating ListPlans',
      () => operator.call('rating', PlanService.method.listPlans, { sellerTenantId: providerId }),
    ],
    [
      'invoicing ListInvoices',
      () =>
        operator.call('invoicing', InvoiceService.method.listInvoices, {
          sellerTenantId: providerId,
        }),
    ],
    [
      'rating ListPlans with an API key',
      () => viewer.call('rating', PlanService.method.listPlans, { sellerTenantId: providerId }),
    ],
    [
      'metering CreateTenant',
      () =>
        operator.call('metering', TenantService.method.createTenant, {
          parentId: providerId,
          externalRef: `while-down-${Date.now()}`,
          name: 'x',
          kind: TenantKind.CUSTOMER,
          currency: 'USD',
        }),
    ],
  ];

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    cascade = await startCascade({ database: 'postgres', databaseUrl: postgres.url });
    operator = new ConnectClients(cascade.urls);
    const provider = await operator.client('metering', TenantService).createTenant({
      externalRef: 'pg-provider',
      name: 'provider',
      kind: TenantKind.PROVIDER,
      currency: 'USD',
    });
    providerId = provider.id;
    await operator
      .client('metering', MeterService)
      .createMeter({ code: 'pg.calls', name: 'calls', unit: 'call', aggregation: Aggregation.SUM });
    await operator.client('rating', PlanService).createPlan({
      sellerTenantId: providerId,
      code: 'pg-plan',
      name: 'plan',
      currency: 'USD',
      billingModel: BillingModel.PAYG,
      interval: Interval.MONTHLY,
      charges: [{ meterCode: 'pg.calls', model: ChargeModel.PER_UNIT, unitPrice: '1' }],
    });
    const { secret } = await operator
      .client('metering', ApiKeyService)
      .createApiKey({ tenantId: providerId, role: Role.VIEWER, name: 'pg viewer' });
    viewer = new ConnectClients(cascade.urls, secret);
  }, 180_000);

  afterAll(async () => {
    operator?.close();
    viewer?.close();
    await cascade?.stop().catch(() => undefined);
    await postgres?.destroy();
  }, 60_000);

  test('UNAVAILABLE while it is down, answers again once it is back', async () => {
    for (const [what, probe] of probes())
      expect([what, (await probe()).code]).toEqual([what, 'OK']);

    await postgres.stop();
    for (const [what, probe] of probes()) {
      const result = await probe();
      expect([what, result.code]).toEqual([what, 'UNAVAILABLE']);
    }
    expect(
      (
        await operator.call('invoicing', InvoiceService.method.runBilling, {
          periodStart: timestampFromDate(new Date('2026-10-01T00:00:00Z')),
          periodEnd: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
        })
      ).code,
    ).toBe('UNAVAILABLE');

    await postgres.start();
    for (const [what, probe] of probes()) {
      // The pools reconnect on their own: the same processes, nothing restarted.
      await waitFor(`${what} to answer again`, async () => (await probe()).code === 'OK', {
        timeoutMs: 30_000,
        everyMs: 100,
      });
    }
    const plans = await operator
      .client('rating', PlanService)
      .listPlans({ sellerTenantId: providerId });
    expect(plans.plans.map((p) => p.code)).toEqual(['pg-plan']);
  }, 180_000);
});
