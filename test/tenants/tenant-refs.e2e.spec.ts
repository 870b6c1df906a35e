// Tenants by external_ref and plans by code wherever an id is asked, through the
// public API of the three services, on SQLite and PostgreSQL: "ref:<external_ref>"
// in a tenant id field, "code:<plan code>" in a plan id field, resolved before the
// access checks, so a key's scope applies to the tenant or plan they name.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  ApiKeyService,
  BillingModel,
  ChargeModel,
  Interval,
  InvoiceService,
  MeterService,
  PlanService,
  Role,
  TenantKind,
  TenantService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, ConnectClients, startCascade } from '../support';

const SINCE = timestampFromDate(new Date('2026-01-01T00:00:00Z'));

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`tenants by ref and plans by code on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    const opened: ConnectClients[] = [];
    const tenants = () => operator.client('metering', TenantService);
    const plans = () => operator.client('rating', PlanService);
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering', 'rating', 'invoicing'] });
      operator = new ConnectClients(cascade.urls);
      await operator.client('metering', MeterService).createMeter({
        code: 'refs.calls',
        name: 'calls',
        unit: 'call',
        aggregation: Aggregation.SUM,
      });
      const create = async (ref: string, parentId: string, kind: TenantKind) =>
        (ids[ref] = (
          await tenants().createTenant({
            parentId,
            externalRef: ref,
            name: ref,
            kind,
            currency: 'USD',
          })
        ).id);
      await create('refs-root', '', TenantKind.PROVIDER);
      // Parents named by ref too.
      await create('refs-east', 'ref:refs-root', TenantKind.RESELLER);
      await create('refs-west', 'ref:refs-root', TenantKind.RESELLER);
      await create('refs-cust', 'ref:refs-east', TenantKind.CUSTOMER);
      for (const seller of ['refs-east', 'refs-west'])
        await plans().createPlan({
          sellerTenantId: `ref:${seller}`,
          code: 'basic',
          name: `basic of ${seller}`,
          currency: 'USD',
          billingModel: BillingModel.PAYG,
          interval: Interval.MONTHLY,
          charges: [{ meterCode: 'refs.calls', model: ChargeModel.PER_UNIT, unitPrice: '1' }],
        });
    }, 120_000);

    afterAll(async () => {
      for (const clients of opened) clients.close();
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    test('every service reads ref: in a tenant id field', async () => {
      const renamed = await tenants().updateTenant({ id: 'ref:refs-cust', name: 'Customer' });
      expect([renamed.id, renamed.name, renamed.parentId]).toEqual([
        ids['refs-cust'],
        'Customer',
        ids['refs-east'],
      ]);
      const listed = await plans().listPlans({ sellerTenantId: 'ref:refs-east' });
      expect(listed.plans.map((p) => [p.sellerTenantId, p.name])).toEqual([
        [ids['refs-east'], 'basic of refs-east'],
      ]);
      const settings = await operator
        .client('invoicing', InvoiceService)
        .setBillingSettings({ buyerTenantId: 'ref:refs-cust', taxRate: '0.1' });
      expect([settings.buyerTenantId, settings.taxRate]).toEqual([ids['refs-cust'], '0.1']);
    });

    test('a plan code is the buyer’s seller’s plan in AssignPlan, and must be unique elsewhere', async () => {
      const assigned = await plans().assignPlan({
        buyerTenantId: 'ref:refs-cust',
        planId: 'code:basic',
        effectiveFrom: SINCE,
      });
      const east = (await plans().listPlans({ sellerTenantId: ids['refs-east'] })).plans[0];
      expect([assigned.buyerTenantId, assigned.planId]).toEqual([ids['refs-cust'], east.id]);
      const listed = await plans().listAssignments({ buyerTenantId: 'ref:refs-cust' });
      expect(listed.assignments.map((a) => a.planId)).toEqual([east.id]);
      const refusals = await Promise.all([
        operator.call('rating', PlanService.method.getPlan, { id: 'code:basic' }),
        operator.call('rating', PlanService.method.getPlan, { id: 'code:gold' }),
        operator.call('metering', TenantService.method.updateTenant, {
          id: 'ref:refs-ghost',
          name: 'x',
        }),
        operator.call('rating', PlanService.method.assignPlan, {
          buyerTenantId: 'ref:refs-ghost',
          planId: 'code:basic',
          effectiveFrom: SINCE,
        }),
      ]);
      expect(refusals.map((r) => [r.code, r.message])).toEqual([
        ['INVALID_ARGUMENT', 'id: code "basic" names plans of 2 sellers; name the plan by id'],
        ['NOT_FOUND', 'id: no plan with code "gold"'],
        ['NOT_FOUND', 'id: no tenant with external_ref "refs-ghost"'],
        ['NOT_FOUND', 'buyer_tenant_id: no tenant with external_ref "refs-ghost"'],
      ]);
    });

    test('a key reaches by ref and code only what its scope reaches', async () => {
      const secret = (
        await operator
          .client('metering', ApiKeyService)
          .createApiKey({ tenantId: ids['refs-east'], role: Role.ADMIN, name: 'refs' })
      ).secret;
      const east = new ConnectClients(cascade.urls, secret);
      opened.push(east);
      const own = await east.client('rating', PlanService).getPlan({ id: 'code:basic' });
      expect([own.sellerTenantId, own.name]).toEqual([ids['refs-east'], 'basic of refs-east']);
      const child = await east.client('metering', TenantService).getTenant({ id: 'ref:refs-cust' });
      expect(child.id).toBe(ids['refs-cust']);
      const outside = await Promise.all([
        east.call('metering', TenantService.method.updateTenant, {
          id: 'ref:refs-west',
          name: 'x',
        }),
        east.call('rating', PlanService.method.listPlans, { sellerTenantId: 'ref:refs-west' }),
      ]);
      expect(outside.map((r) => [r.code, r.message])).toEqual([
        ['NOT_FOUND', 'id: no tenant with external_ref "refs-west"'],
        ['NOT_FOUND', 'seller_tenant_id: no tenant with external_ref "refs-west"'],
      ]);
      expect((await tenants().getTenant({ id: ids['refs-west'] })).name).toBe('refs-west');
    });
  });
}
