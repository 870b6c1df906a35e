// The audit log: every change (who, what, when, from which key) and every refusal,
// kept by the service that saw it, readable by the admins of the subtree it concerns.
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  ApiKeyService,
  AuditEvent,
  AuditService,
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
import { Cascade, ConnectClients, ServiceName, startCascade } from '../support';

const OCTOBER = {
  periodStart: timestampFromDate(new Date('2026-10-01T00:00:00Z')),
  periodEnd: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
};

describe('audit log', () => {
  let cascade: Cascade;
  let operator: ConnectClients;
  const opened: ConnectClients[] = [];
  const ids: Record<string, string> = {};
  const keyIds: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const started = new Date();

  const as = (token: string) => {
    const clients = new ConnectClients(cascade.urls, token);
    opened.push(clients);
    return clients;
  };
  const tenant = async (clients: ConnectClients, name: string, parentId: string) => {
    const created = await clients.client('metering', TenantService).createTenant({
      parentId,
      externalRef: `audit-${name}`,
      name,
      kind: parentId ? TenantKind.RESELLER : TenantKind.PROVIDER,
      currency: 'USD',
    });
    ids[name] = created.id;
  };
  const key = async (name: string, tenantName: string, role: Role) => {
    const created = await operator
      .client('metering', ApiKeyService)
      .createApiKey({ tenantId: ids[tenantName], role, name });
    tokens[name] = created.secret;
    keyIds[name] = created.apiKey?.id ?? '';
  };
  /** [rpc, actor, tenant, outcome], newest first, with names for ids. */
  const read = async (clients: ConnectClients, on: ServiceName, tenantName: string) => {
    const { events } = await clients
      .client(on, AuditService)
      .listAuditEvents({ tenantId: tenantName ? ids[tenantName] : '' });
    return events;
  };
  const named = (events: AuditEvent[]) => {
    const names = new Map([
      ...Object.entries(ids).map(([n, id]) => [id, n] as const),
      ...Object.entries(keyIds).map(([n, id]) => [id, n] as const),
    ]);
    return events.map((e) => [
      e.rpc.split('/')[1],
      e.actorKind === 'api_key' ? `${names.get(e.actorKeyId)} (${e.actorRole})` : e.actorKind,
      names.get(e.tenantId) ?? e.tenantId,
      e.outcome,
    ]);
  };

  beforeAll(async () => {
    cascade = await startCascade({ database: 'sqlite' });
    operator = new ConnectClients(cascade.urls);
    await tenant(operator, 'R', '');
    await tenant(operator, 'A', ids.R);
    await tenant(operator, 'B', ids.R);
    await key('aAdmin', 'A', Role.ADMIN);
    await key('aViewer', 'A', Role.VIEWER);
    await key('bAdmin', 'B', Role.ADMIN);
    await operator
      .client('metering', MeterService)
      .createMeter({ code: 'calls', name: 'calls', unit: 'call', aggregation: Aggregation.SUM });

    const aAdmin = as(tokens.aAdmin);
    await tenant(aAdmin, 'A1', ids.A);
    await tenant(as(tokens.bAdmin), 'B1', ids.B);
    await as(tokens.aViewer)
      .call('metering', TenantService.method.getTenant, { id: ids.B })
      .then((r) => expect(r.code).toBe('NOT_FOUND'));
    const extra = await aAdmin
      .client('metering', ApiKeyService)
      .createApiKey({ tenantId: ids.A1, role: Role.INGEST, name: 'adapter' });
    keyIds.a1Ingest = extra.apiKey?.id ?? '';
    await aAdmin.client('metering', ApiKeyService).revokeApiKey({ id: keyIds.a1Ingest });
    const plan = await aAdmin.client('rating', PlanService).createPlan({
      sellerTenantId: ids.A,
      code: 'retail',
      name: 'retail',
      currency: 'USD',
      billingModel: BillingModel.PAYG,
      interval: Interval.MONTHLY,
      charges: [{ meterCode: 'calls', model: ChargeModel.PER_UNIT, unitPrice: '0.5' }],
    });
    await aAdmin.client('rating', PlanService).assignPlan({
      buyerTenantId: ids.A1,
      planId: plan.id,
      effectiveFrom: OCTOBER.periodStart,
    });
    await operator.client('metering', UsageService).recordUsage({
      events: [
        {
          id: 'a1-1',
          tenantId: ids.A1,
          meterCode: 'calls',
          quantity: '10',
          timestamp: timestampFromDate(new Date('2026-10-02T00:00:00Z')),
        },
      ],
    });
    const run = await operator.client('invoicing', InvoiceService).runBilling(OCTOBER);
    ids.invoice = run.invoiceIds[0];
    await aAdmin.client('invoicing', InvoiceService).finalizeInvoice({ id: ids.invoice });
  }, 120_000);

  afterAll(async () => {
    operator?.close();
    for (const clients of opened) clients.close();
    await cascade?.stop();
  }, 60_000);

  test("an admin reads its subtree's changes and refusals in metering, and nothing of its sibling's", async () => {
    expect(named(await read(as(tokens.aAdmin), 'metering', 'A'))).toEqual([
      ['RevokeApiKey', 'aAdmin (ADMIN)', 'A1', 'OK'],
      ['CreateApiKey', 'aAdmin (ADMIN)', 'A1', 'OK'],
      ['GetTenant', 'aViewer (VIEWER)', 'A', 'NOT_FOUND'],
      ['CreateTenant', 'aAdmin (ADMIN)', 'A', 'OK'],
      ['CreateApiKey', 'operator', 'A', 'OK'],
      ['CreateApiKey', 'operator', 'A', 'OK'],
    ]);
    expect(named(await read(as(tokens.bAdmin), 'metering', 'B'))).toEqual([
      ['CreateTenant', 'bAdmin (ADMIN)', 'B', 'OK'],
      ['CreateApiKey', 'operator', 'B', 'OK'],
    ]);
  });

  test('rating and invoicing keep their own logs of the same subtree', async () => {
    expect(named(await read(as(tokens.aAdmin), 'rating', 'A'))).toEqual([
      ['AssignPlan', 'aAdmin (ADMIN)', 'A1', 'OK'],
      ['CreatePlan', 'aAdmin (ADMIN)', 'A', 'OK'],
    ]);
    expect(named(await read(as(tokens.aAdmin), 'invoicing', 'A'))).toEqual([
      ['FinalizeInvoice', 'aAdmin (ADMIN)', 'A', 'OK'],
    ]);
  });

  test('the operator reads every tree, installation-wide changes included', async () => {
    const invoicing = named(await read(operator, 'invoicing', ''));
    expect(invoicing).toEqual([
      ['FinalizeInvoice', 'aAdmin (ADMIN)', 'A', 'OK'],
      ['RunBilling', 'operator', '', 'OK'],
    ]);
    expect(named(await read(operator, 'metering', ''))).toEqual([
      ['RecordUsage', 'operator', '', 'OK'],
      ['RevokeApiKey', 'aAdmin (ADMIN)', 'A1', 'OK'],
      ['CreateApiKey', 'aAdmin (ADMIN)', 'A1', 'OK'],
      ['GetTenant', 'aViewer (VIEWER)', 'A', 'NOT_FOUND'],
      ['CreateTenant', 'bAdmin (ADMIN)', 'B', 'OK'],
      ['CreateTenant', 'aAdmin (ADMIN)', 'A', 'OK'],
      ['CreateMeter', 'operator', '', 'OK'],
      ['CreateApiKey', 'operator', 'B', 'OK'],
      ['CreateApiKey', 'operator', 'A', 'OK'],
      ['CreateApiKey', 'operator', 'A', 'OK'],
      ['CreateTenant', 'operator', 'R', 'OK'],
      ['CreateTenant', 'operator', 'R', 'OK'],
      ['CreateTenant', 'operator', 'R', 'OK'],
    ]);
  });

  test('each event says when, from which key, and what was asked', async () => {
    const [, , , created] = await read(as(tokens.aAdmin), 'metering', 'A');
    expect(created.rpc).toBe('cascade.metering.v1.TenantService/CreateTenant');
    expect(created).toMatchObject({
      service: 'metering',
      actorKind: 'api_key',
      actorKeyId: keyIds.aAdmin,
      actorTenantId: ids.A,
      actorRole: 'ADMIN',
      viaService: '',
      tenantId: ids.A,
      outcome: 'OK',
    });
    expect(JSON.parse(created.details)).toMatchObject({
      parentId: ids.A,
      externalRef: 'audit-A1',
      kind: 'TENANT_KIND_RESELLER',
    });
    const at = timestampDate(created.time!);
    expect(at.getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(at.getTime()).toBeLessThanOrEqual(Date.now());
    const [refusal] = (await read(as(tokens.aAdmin), 'metering', 'A')).filter(
      (e) => e.outcome === 'NOT_FOUND',
    );
    expect(refusal.details).toBe(`tenant ${JSON.stringify(ids.B)} not found`);
  });

  test('pages newest first with a token', async () => {
    const audit = operator.client('metering', AuditService);
    const all = (await audit.listAuditEvents({})).events.map((e) => e.id);
    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await audit.listAuditEvents({ pageSize: 4, pageToken });
      expect(page.events.length).toBeLessThanOrEqual(4);
      seen.push(...page.events.map((e) => e.id));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(all);
  });
});
