// The audit log commits with the change it records: a change whose event the
// database refuses is rolled back (tenant, plan, usage batch, finalization),
// and every call of a changing RPC leaves a row, failures and refusals
// included, with exactly one OK row however many transactions the call
// committed. Runs on SQLite and PostgreSQL.
import { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ConnectError } from '@connectrpc/connect';
import {
  Aggregation,
  ApiKeyService,
  AuditService,
  BillingModel,
  ChargeModel,
  InvoiceService,
  InvoiceStatus,
  Interval,
  MeterService,
  PlanService,
  RecordUsageRequestSchema,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, codeName, ConnectClients, ServiceName, startCascade } from '../support';
import { DatabaseTriggers } from './database-triggers';

const month = (from: string, to: string) => ({
  periodStart: timestampFromDate(new Date(from)),
  periodEnd: timestampFromDate(new Date(to)),
});
const OCTOBER = month('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z');
const NOVEMBER = month('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');

type Batch = MessageInitShape<typeof RecordUsageRequestSchema>;

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`the audit log commits with its change on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    let triggers: DatabaseTriggers;
    const ids: Record<string, string> = {};

    const tenants = () => operator.client('metering', TenantService);
    const usage = () => operator.client('metering', UsageService);
    const invoices = () => operator.client('invoicing', InvoiceService);
    /** The newest `n` events of a service: [method, actor, tenant name, outcome, details]. */
    const latest = async (on: ServiceName, n: number) => {
      const { events } = await operator.client(on, AuditService).listAuditEvents({ pageSize: n });
      const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
      return events.map((e) => [
        e.rpc.split('/')[1],
        e.actorKind,
        names.get(e.tenantId) ?? e.tenantId,
        e.outcome,
        e.details,
      ]);
    };
    const count = async (on: ServiceName) =>
      (await operator.client(on, AuditService).listAuditEvents({ pageSize: 1000 })).events.length;
    const failure = (call: Promise<unknown>) =>
      call.then(
        () => 'OK',
        (error: unknown) => codeName(ConnectError.from(error).code),
      );
    const batch = (batchId: string, eventIds: string[], at = '2026-10-05T00:00:00Z'): Batch => ({
      batchId,
      events: eventIds.map((id) => ({
        id,
        tenantId: ids.C,
        meterCode: 'calls',
        quantity: '1',
        timestamp: timestampFromDate(new Date(at)),
      })),
    });

    beforeAll(async () => {
      cascade = await startCascade({ database });
      operator = new ConnectClients(cascade.urls);
      triggers = new DatabaseTriggers(cascade);
      const tenant = async (name: string, parentId: string, kind: TenantKind) => {
        const created = await tenants().createTenant({
          parentId,
          externalRef: `atomic-${name}`,
          name,
          kind,
          currency: 'USD',
        });
        ids[name] = created.id;
      };
      await tenant('R', '', TenantKind.PROVIDER);
      await tenant('C', ids.R, TenantKind.CUSTOMER);
      await operator
        .client('metering', MeterService)
        .createMeter({ code: 'calls', name: 'calls', unit: 'call', aggregation: Aggregation.SUM });
      const plan = await operator.client('rating', PlanService).createPlan({
        sellerTenantId: ids.R,
        code: 'retail',
        name: 'retail',
        currency: 'USD',
        billingModel: BillingModel.PAYG,
        interval: Interval.MONTHLY,
        charges: [{ meterCode: 'calls', model: ChargeModel.PER_UNIT, unitPrice: '0.5' }],
      });
      await operator.client('rating', PlanService).assignPlan({
        buyerTenantId: ids.C,
        planId: plan.id,
        effectiveFrom: OCTOBER.periodStart,
      });
      await usage().recordUsage(batch('october', ['oct-1']));
      await usage().recordUsage(batch('november', ['nov-1'], '2026-11-05T00:00:00Z'));
      const run = await invoices().runBilling(OCTOBER);
      ids.invoice = run.invoiceIds[0];
    }, 120_000);

    afterAll(async () => {
      await triggers?.close();
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    test('a tenant whose audit event the database refuses is not created', async () => {
      const restore = await triggers.refuseAuditEvents('metering', "new.details like '%doomed%'");
      const created = tenants().createTenant({
        parentId: ids.R,
        externalRef: 'doomed',
        name: 'doomed',
        kind: TenantKind.CUSTOMER,
        currency: 'USD',
      });
      expect(await failure(created)).toBe('INTERNAL');
      await restore();
      expect(await failure(tenants().getTenant({ externalRef: 'doomed' }))).toBe('NOT_FOUND');
      const [[rpc, actor, tenant, outcome, details]] = await latest('metering', 1);
      expect([rpc, actor, tenant, outcome]).toEqual(['CreateTenant', 'operator', 'R', 'INTERNAL']);
      expect(JSON.parse(details)).toMatchObject({ parentId: ids.R, externalRef: 'doomed' });
    });

    test('a plan whose audit event the database refuses is not stored', async () => {
      const restore = await triggers.refuseAuditEvents('rating', "new.details like '%doomed%'");
      const created = operator.client('rating', PlanService).createPlan({
        sellerTenantId: ids.R,
        code: 'doomed',
        name: 'doomed',
        currency: 'USD',
        billingModel: BillingModel.PAYG,
        interval: Interval.MONTHLY,
        charges: [{ meterCode: 'calls', model: ChargeModel.PER_UNIT, unitPrice: '1' }],
      });
      expect(await failure(created)).toBe('INTERNAL');
      await restore();
      const { plans } = await operator
        .client('rating', PlanService)
        .listPlans({ sellerTenantId: ids.R });
      expect(plans.map((p) => p.code)).toEqual(['retail']);
      expect((await latest('rating', 1)).map((e) => e.slice(0, 4))).toEqual([
        ['CreatePlan', 'operator', 'R', 'INTERNAL'],
      ]);
    });

    test('a usage batch whose audit event the database refuses is not counted', async () => {
      const restore = await triggers.refuseAuditEvents('metering', "new.details like '%doomed%'");
      expect(await failure(usage().recordUsage(batch('doomed', ['u-1', 'u-2', 'u-3'])))).toBe(
        'INTERNAL',
      );
      await restore();
      const again = await usage().recordUsage(batch('retry', ['u-1', 'u-2', 'u-3']));
      expect([again.accepted, again.duplicates]).toEqual([3, 0]);
      expect(await latest('metering', 2)).toEqual([
        ['RecordUsage', 'operator', '', 'OK', '{"events":3,"batch_id":"retry"}'],
        ['RecordUsage', 'operator', '', 'INTERNAL', '{"events":3,"batch_id":"doomed"}'],
      ]);
    });

    test("a stream's batches each commit with a row; a refused one is not counted", async () => {
      const restore = await triggers.refuseAuditEvents(
        'metering',
        'new.details like \'%"commit":2%\'',
      );
      const acks: number[] = [];
      async function* batches() {
        yield batch('s1', ['s-1', 's-2']);
        while (acks.length === 0) await new Promise((resolve) => setImmediate(resolve));
        yield batch('s2', ['s-3', 's-4']);
      }
      const streamed = (async () => {
        for await (const ack of usage().streamUsage(batches())) acks.push(ack.accepted);
      })();
      expect(await failure(streamed)).toBe('INTERNAL');
      await restore();
      expect(acks).toEqual([2]);
      const again = await usage().recordUsage(batch('stream-retry', ['s-1', 's-2', 's-3', 's-4']));
      expect([again.accepted, again.duplicates]).toEqual([2, 2]);
      expect((await latest('metering', 3)).slice(1)).toEqual([
        ['StreamUsage', 'operator', '', 'INTERNAL', '{"stream":true,"commits":1}'],
        ['StreamUsage', 'operator', '', 'OK', '{"stream":true,"commit":1}'],
      ]);
    });

    test('a stream sent without waiting for acks commits nothing after a refused batch', async () => {
      const restore = await triggers.refuse('metering', 'usage_event', "new.event_id = 'p-3'");
      const acks: number[] = [];
      async function* batches() {
        yield batch('p1', ['p-1', 'p-2']);
        yield batch('p2', ['p-3', 'p-4']);
        yield batch('p3', ['p-5', 'p-6']);
      }
      const streamed = (async () => {
        for await (const ack of usage().streamUsage(batches())) acks.push(ack.accepted);
      })();
      expect(await failure(streamed)).toBe('INTERNAL');
      await restore();
      expect(acks).toEqual([2]);
      const again = await usage().recordUsage(
        batch('pipelined-retry', ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']),
      );
      expect([again.accepted, again.duplicates]).toEqual([4, 2]);
      expect((await latest('metering', 3)).slice(1)).toEqual([
        ['StreamUsage', 'operator', '', 'INTERNAL', '{"stream":true,"commits":1}'],
        ['StreamUsage', 'operator', '', 'OK', '{"stream":true,"commit":1}'],
      ]);
    });

    test('a change that fails inside its transaction leaves one row, with its code, and no OK', async () => {
      const before = await count('metering');
      const taken = tenants().createTenant({
        parentId: ids.R,
        externalRef: 'atomic-C',
        name: 'again',
        kind: TenantKind.CUSTOMER,
        currency: 'USD',
      });
      expect(await failure(taken)).toBe('ALREADY_EXISTS');
      expect(await count('metering')).toBe(before + 1);
      expect((await latest('metering', 1)).map((e) => e.slice(0, 4))).toEqual([
        ['CreateTenant', 'operator', 'R', 'ALREADY_EXISTS'],
      ]);
      const halfMonth = month('2026-10-01T00:00:00Z', '2026-10-15T00:00:00Z');
      expect(await failure(invoices().runBilling(halfMonth))).toBe('INVALID_ARGUMENT');
      expect(await failure(invoices().finalizeInvoice({ id: 'no-such-invoice' }))).toBe(
        'NOT_FOUND',
      );
      // A transition that does not apply commits, but changed nothing: no OK row.
      expect(await failure(invoices().markInvoicePaid({ id: ids.invoice }))).toBe(
        'FAILED_PRECONDITION',
      );
      expect((await latest('invoicing', 3)).map((e) => e.slice(0, 4))).toEqual([
        ['MarkInvoicePaid', 'operator', 'R', 'FAILED_PRECONDITION'],
        ['FinalizeInvoice', 'operator', '', 'NOT_FOUND'],
        ['RunBilling', 'operator', '', 'INVALID_ARGUMENT'],
      ]);
    });

    test("the guard audits an operator's refusal; an unauthenticated call is only logged", async () => {
      const refused = operator
        .client('metering', ApiKeyService)
        .authenticate({ token: 'cak_nothing' });
      expect(await failure(refused)).toBe('PERMISSION_DENIED');
      expect(await latest('metering', 1)).toEqual([
        [
          'Authenticate',
          'operator',
          '',
          'PERMISSION_DENIED',
          'cascade.metering.v1.ApiKeyService/Authenticate: only Cascade services may call it',
        ],
      ]);
      const before = await count('metering');
      const anonymous = new ConnectClients(cascade.urls, null);
      const outcome = await anonymous.call('metering', TenantService.method.createTenant, {
        externalRef: 'anonymous',
      });
      anonymous.close();
      expect(outcome.code).toBe('UNAUTHENTICATED');
      expect(await count('metering')).toBe(before);
      expect(cascade.logs('metering')).toContain(
        'refused cascade.metering.v1.TenantService/CreateTenant: UNAUTHENTICATED: authorization: a "Bearer <token>" header is required',
      );
    });

    test('a run committing many transactions is one row; failing after its first commit, two', async () => {
      const before = await count('invoicing');
      await invoices().runBilling(OCTOBER);
      expect(await count('invoicing')).toBe(before + 1);
      expect((await latest('invoicing', 1)).map((e) => e.slice(0, 4))).toEqual([
        ['RunBilling', 'operator', '', 'OK'],
      ]);
      const restore = await triggers.refuse('invoicing', 'invoice', '1 = 1');
      expect(await failure(invoices().runBilling(NOVEMBER))).toBe('INTERNAL');
      await restore();
      expect((await latest('invoicing', 2)).map((e) => e.slice(0, 4))).toEqual([
        ['RunBilling', 'operator', '', 'INTERNAL'],
        ['RunBilling', 'operator', '', 'OK'],
      ]);
      expect(
        await triggers.rows('invoicing', "select status from billing_run where status = 'FAILED'"),
      ).toEqual([{ status: 'FAILED' }]);
    });

    test('an invoice whose finalization the audit log refuses stays a draft', async () => {
      const restore = await triggers.refuseAuditEvents(
        'invoicing',
        "new.rpc like '%/FinalizeInvoice'",
      );
      expect(await failure(invoices().finalizeInvoice({ id: ids.invoice }))).toBe('INTERNAL');
      await restore();
      expect((await invoices().getInvoice({ id: ids.invoice })).status).toBe(InvoiceStatus.DRAFT);
      const finalized = await invoices().finalizeInvoice({ id: ids.invoice });
      expect(finalized.status).toBe(InvoiceStatus.FINALIZED);
      expect((await latest('invoicing', 2)).map((e) => e.slice(0, 4))).toEqual([
        ['FinalizeInvoice', 'operator', 'R', 'OK'],
        ['FinalizeInvoice', 'operator', 'R', 'INTERNAL'],
      ]);
    });
  });
}
