// Tenant isolation beyond the matrix: what a customer sees of its invoices, revocation
// on every service at once, forged identities, keys following moves, and refusals
// that say no more than "not found".
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ApiKeyService,
  InvoiceService,
  PlanService,
  RatingService,
  Role,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, ConnectClients, DatabaseKind, startCascade } from '../support';
import { buildFixtureTree, FixtureTree, METER, OCTOBER } from './fixture-tree';

const forwarded = (principal: unknown) =>
  Buffer.from(JSON.stringify(principal)).toString('base64url');

function tenantIsolation(database: DatabaseKind): void {
  let cascade: Cascade;
  let operator: ConnectClients;
  let tree: FixtureTree;
  const opened: ConnectClients[] = [];
  const as = (token: string | null) => {
    const clients = new ConnectClients(cascade.urls, token);
    opened.push(clients);
    return clients;
  };
  const newKey = async (tenant: string, role: Role) =>
    (
      await operator
        .client('metering', ApiKeyService)
        .createApiKey({ tenantId: tenant, role, name: 'isolation' })
    ).secret;

  beforeAll(async () => {
    cascade = await startCascade({ database });
    operator = new ConnectClients(cascade.urls);
    tree = await buildFixtureTree(operator);
  }, 120_000);

  afterAll(async () => {
    operator?.close();
    for (const clients of opened) clients.close();
    await cascade?.stop();
  }, 60_000);

  test('a customer sees the invoices it is billed, and never what its seller pays', async () => {
    const customer = as(tree.tokens.A1);
    const invoices = customer.client('invoicing', InvoiceService);
    const own = await invoices.getInvoice({ id: tree.invoices['A>A1'] });
    expect([own.sellerTenantId, own.buyerTenantId]).toEqual([tree.tenants.A, tree.tenants.A1]);
    const listed = await invoices.listInvoices({ buyerTenantId: tree.tenants.A1 });
    // October's, and November's for its subscription.
    expect(listed.invoices.map((i) => i.id)).toEqual([tree.invoices['A>A1'], tree.discardable]);

    const sellerCost = tree.invoices['P>A'];
    await expect(invoices.getInvoice({ id: sellerCost })).rejects.toMatchObject({
      rawMessage: `invoice ${JSON.stringify(sellerCost)} not found`,
    });
    await expect(invoices.listInvoices({ buyerTenantId: tree.tenants.A })).rejects.toMatchObject({
      rawMessage: `tenant ${JSON.stringify(tree.tenants.A)} not found`,
    });
    await expect(
      customer
        .client('rating', RatingService)
        .rateEdge({ buyerTenantId: tree.tenants.A, ...OCTOBER }),
    ).rejects.toMatchObject({ rawMessage: `tenant ${JSON.stringify(tree.tenants.A)} not found` });
    // The plan it buys on is the prices it pays; the plan its seller buys on is the seller's cost.
    const plans = customer.client('rating', PlanService);
    expect((await plans.getPlan({ id: tree.plans.ap })).charges.map((c) => c.unitPrice)).toEqual([
      '0.03',
    ]);
    await expect(plans.getPlan({ id: tree.plans.pp })).rejects.toMatchObject({
      rawMessage: `plan ${JSON.stringify(tree.plans.pp)} not found`,
    });
  });

  test('a reseller reads the invoice it is billed but cannot change it; its own record is its seller’s', async () => {
    const reseller = as(tree.keys.ADMIN);
    const invoices = reseller.client('invoicing', InvoiceService);
    const bought = await invoices.getInvoice({ id: tree.invoices['P>A'] });
    expect(bought.buyerTenantId).toBe(tree.tenants.A);
    await expect(invoices.finalizeInvoice({ id: tree.invoices['P>A'] })).rejects.toMatchObject({
      rawMessage: `invoice ${JSON.stringify(tree.invoices['P>A'])}: only its seller's side may change it`,
    });
    const tenants = reseller.client('metering', TenantService);
    await expect(tenants.updateTenant({ id: tree.tenants.A, name: 'mine' })).rejects.toMatchObject({
      rawMessage: "id: a tenant's own record is managed by its seller",
    });
    await expect(
      tenants.createTenant({
        externalRef: 'new-root',
        name: 'root',
        kind: TenantKind.PROVIDER,
        currency: 'USD',
      }),
    ).rejects.toMatchObject({
      rawMessage: 'parent_id: only the installation operator may leave it empty',
    });
  });

  test('listing without a parent lists what the key can see: its tenant, or its subtree', async () => {
    const tenants = as(tree.tokens.B1).client('metering', TenantService);
    expect((await tenants.listTenants({})).tenants.map((t) => t.id)).toEqual([tree.tenants.B1]);
    const reseller = as(tree.keys.VIEWER).client('metering', TenantService);
    const subtree = await reseller.listTenants({ recursive: true });
    expect(subtree.tenants.map((t) => t.name).sort()).toEqual(['A', 'A1', 'A2', 'A3']);
  });

  test('outside the subtree reads exactly like absent: same code, same message', async () => {
    const tenants = as(tree.keys.VIEWER).client('metering', TenantService);
    const absent = '00000000-0000-4000-8000-000000000000';
    for (const id of [absent, tree.tenants.B, tree.tenants.P]) {
      await expect(tenants.getTenant({ id })).rejects.toMatchObject({
        rawMessage: `tenant ${JSON.stringify(id)} not found`,
      });
    }
  });

  test('events for tenants outside the subtree are rejected like unknown tenants, the rest recorded', async () => {
    const usage = as(tree.keys.INGEST).client('metering', UsageService);
    const at = timestampFromDate(new Date('2026-10-21T00:00:00Z'));
    const event = (id: string, tenantId: string) => ({
      id,
      tenantId,
      meterCode: METER,
      quantity: '2',
      timestamp: at,
    });
    const absent = '00000000-0000-4000-8000-000000000000';
    const answer = await usage.recordUsage({
      events: [
        event('iso-1', tree.tenants.A1),
        event('iso-2', tree.tenants.B1),
        event('iso-3', absent),
        event('iso-4', tree.tenants.P),
      ],
    });
    expect(answer.accepted).toBe(1);
    expect(answer.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, `tenant: unknown tenant ${JSON.stringify(tree.tenants.B1)}`],
      [2, `tenant: unknown tenant ${JSON.stringify(absent)}`],
      [3, `tenant: unknown tenant ${JSON.stringify(tree.tenants.P)}`],
    ]);
  });

  test('a revoked key stops working on every service at once', async () => {
    const token = await newKey(tree.tenants.A, Role.VIEWER);
    const key = as(token);
    // Each call is made when it is awaited: a rejection never waits unhandled.
    const calls = [
      () => key.client('metering', TenantService).getTenant({ id: tree.tenants.A }),
      () => key.client('rating', PlanService).listPlans({ sellerTenantId: tree.tenants.A }),
      () =>
        key.client('invoicing', InvoiceService).listInvoices({ sellerTenantId: tree.tenants.A }),
    ];
    for (const call of calls) await call();
    const { apiKeys } = await operator
      .client('metering', ApiKeyService)
      .listApiKeys({ tenantId: tree.tenants.A });
    const id = apiKeys.find((k) => token.includes(k.id))?.id ?? '';
    await operator.client('metering', ApiKeyService).revokeApiKey({ id });
    for (const call of calls)
      await expect(call()).rejects.toMatchObject({
        rawMessage: 'authorization: unknown or revoked token',
      });
  });

  test('a forwarded identity counts only beside the service credential', async () => {
    const operatorHeader = { 'x-cascade-principal': forwarded({ kind: 'operator' }) };
    const customer = as(tree.tokens.B1);
    const tenants = customer.client('metering', TenantService, operatorHeader);
    await expect(tenants.getTenant({ id: tree.tenants.A })).rejects.toMatchObject({
      rawMessage: `tenant ${JSON.stringify(tree.tenants.A)} not found`,
    });
    const plans = customer.client('rating', PlanService, operatorHeader);
    await expect(plans.getPlan({ id: tree.plans.ap })).rejects.toMatchObject({
      rawMessage: `plan ${JSON.stringify(tree.plans.ap)} not found`,
    });
    const forged = as(`${cascade.serviceToken}x`).client('rating', PlanService, operatorHeader);
    await expect(forged.getPlan({ id: tree.plans.ap })).rejects.toMatchObject({
      rawMessage: 'authorization: unknown or revoked token',
    });
    const service = as(cascade.serviceToken).client('rating', PlanService, operatorHeader);
    expect((await service.getPlan({ id: tree.plans.ap })).id).toBe(tree.plans.ap);
  });

  test('Authenticate answers the services only', async () => {
    const keys = as(cascade.serviceToken).client('metering', ApiKeyService);
    const principal = await keys.authenticate({ token: tree.keys.VIEWER });
    expect(principal).toMatchObject({ tenantId: tree.tenants.A, role: Role.VIEWER });
    expect(principal.path).toEqual([tree.tenants.R, tree.tenants.P, tree.tenants.A]);
    await expect(keys.authenticate({ token: `${tree.keys.VIEWER}x` })).rejects.toMatchObject({
      rawMessage: 'token: unknown or revoked',
    });
    await expect(
      operator.client('metering', ApiKeyService).authenticate({ token: tree.keys.VIEWER }),
    ).rejects.toMatchObject({
      rawMessage:
        'cascade.metering.v1.ApiKeyService/Authenticate: only Cascade services may call it',
    });
  });

  test('a key follows its tenant when the tenant moves', async () => {
    const tenants = operator.client('metering', TenantService);
    const moved = await tenants.createTenant({
      parentId: tree.tenants.A,
      externalRef: 'iso-mover',
      name: 'mover',
      kind: TenantKind.CUSTOMER,
      currency: 'USD',
    });
    const moverKey = as(await newKey(moved.id, Role.VIEWER)).client('metering', TenantService);
    const aView = as(tree.keys.VIEWER).client('metering', TenantService);
    const bView = as(await newKey(tree.tenants.B, Role.VIEWER)).client('metering', TenantService);
    expect((await aView.getTenant({ id: moved.id })).id).toBe(moved.id);
    await tenants.moveTenant({
      id: moved.id,
      newParentId: tree.tenants.B,
      effectiveAt: timestampFromDate(new Date('2026-11-15T00:00:00Z')),
    });
    await expect(aView.getTenant({ id: moved.id })).rejects.toMatchObject({
      rawMessage: `tenant ${JSON.stringify(moved.id)} not found`,
    });
    expect((await bView.getTenant({ id: moved.id })).parentId).toBe(tree.tenants.B);
    expect((await moverKey.listTenants({})).tenants.map((t) => t.path)).toEqual([
      [tree.tenants.R, tree.tenants.P, tree.tenants.B, moved.id],
    ]);
  });
}

for (const [label, database, describeOn] of BACKENDS)
  describeOn(`tenant isolation (${label})`, () => tenantIsolation(database));
