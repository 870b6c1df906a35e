// Every RPC of every service × every role × (own subtree, sibling subtree, ancestor),
// against the three services as real processes. The list of RPCs comes from the
// generated service descriptors: an RPC without a case here fails this suite.
import type { DescMethod, DescService } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  BillingModel,
  ChargeModel,
  Interval,
  PlanService,
  Role,
  TenantKind,
} from '@cascade/contracts';
import {
  BACKENDS,
  Cascade,
  CallOutcome,
  cascadeServices,
  ConnectClients,
  DatabaseKind,
  ServiceName,
  startCascade,
} from '../support';
import { buildFixtureTree, FixtureTree, METER, OCTOBER } from './fixture-tree';

type Where = 'own' | 'sibling' | 'ancestor';
type KeyRole = 'ADMIN' | 'VIEWER' | 'INGEST';
const ROLES: readonly KeyRole[] = ['ADMIN', 'VIEWER', 'INGEST'];
const WHERE: readonly Where[] = ['own', 'sibling', 'ancestor'];

/**
 * What an API key may do with an RPC, stated here independently of the
 * services' policies:
 * - tenant: `roles` may call it on their own subtree; elsewhere NOT_FOUND;
 * - events: `roles` may record; events elsewhere are rejected one by one as unknown tenants;
 * - catalog: `roles` may call it, whatever the tenant;
 * - installation: acts on every tree, the operator's only;
 * - service: the Cascade services' only.
 */
type Access =
  | { kind: 'tenant' | 'events' | 'catalog'; roles: readonly KeyRole[] }
  | { kind: 'installation' | 'service' };

interface Case {
  access: Access;
  /** The request acting on the tenant(s) or resource at `where`. */
  request: (where: Where) => unknown;
  /** For server streams that follow live: how many messages make an answer. */
  take?: number;
}

/**
 * The deadline of a call to a live stream: the call it leaves behind keeps its
 * timer, and a long one holds jest open after the suite (20 s by default).
 */
const LIVE_DEADLINE_MS = 5_000;

const READ: readonly KeyRole[] = ['ADMIN', 'VIEWER'];
const ADMIN: readonly KeyRole[] = ['ADMIN'];
const INGEST: readonly KeyRole[] = ['ADMIN', 'INGEST'];

function expected(access: Access, role: KeyRole, where: Where): string {
  if (!('roles' in access)) return 'PERMISSION_DENIED'; // installation, service
  if (!access.roles.includes(role)) return 'PERMISSION_DENIED';
  if (access.kind === 'catalog' || where === 'own') return 'OK';
  return access.kind === 'events' ? 'REJECTED' : 'NOT_FOUND';
}

/** Every service in the contracts, and the processes serving it. */
function servedServices(): { service: DescService; on: ServiceName[] }[] {
  return cascadeServices().map((service) => {
    const pkg = service.typeName.split('.')[1];
    const on: ServiceName[] =
      pkg === 'common' ? ['metering', 'rating', 'invoicing'] : [pkg as ServiceName];
    return { service, on };
  });
}

const pattern = (method: DescMethod) => `${method.parent.typeName}/${method.name}`;

function accessMatrix(database: DatabaseKind): void {
  let cascade: Cascade;
  let operator: ConnectClients;
  let tree: FixtureTree;
  const asRole: Partial<Record<KeyRole, ConnectClients>> = {};
  let serial = 0;
  const unique = (label: string) => `${label}-${(serial += 1)}`;

  const t = (name: keyof FixtureTree['tenants']) => tree.tenants[name];
  /** The tenant at `where` from A's point of view: own A1, sibling B1, ancestor P. */
  const leaf = (where: Where) => t(({ own: 'A1', sibling: 'B1', ancestor: 'P' } as const)[where]);
  /** The same, one level up: own A, sibling B, ancestor R's child P… as a seller. */
  const seller = (where: Where) => t(({ own: 'A', sibling: 'B', ancestor: 'P' } as const)[where]);
  const at = (iso: string) => timestampFromDate(new Date(iso));

  const cases = (): Record<string, Case> => {
    const plan = (where: Where) =>
      tree.plans[({ own: 'ap', sibling: 'bp', ancestor: 'pp' } as const)[where]];
    const invoice = (own: string, where: Where) =>
      tree.invoices[{ own, sibling: 'B>B1', ancestor: 'R>P' }[where]];
    const event = (where: Where) => ({
      id: unique('evt'),
      tenantId: leaf(where),
      meterCode: METER,
      quantity: '1',
      timestamp: at('2026-10-20T00:00:00Z'),
    });
    const listAudit: Case = {
      access: { kind: 'tenant', roles: ADMIN },
      request: (where) => ({ tenantId: seller(where) }),
    };
    const tenantById = (where: Where) => ({ id: leaf(where) });
    return {
      'cascade.metering.v1.TenantService/CreateTenant': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          parentId: leaf(where),
          externalRef: unique('created'),
          name: 'created',
          kind: TenantKind.CUSTOMER,
          currency: 'USD',
        }),
      },
      'cascade.metering.v1.TenantService/ImportTenants': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          tenants: [
            {
              externalRef: unique('imported'),
              parentExternalRef: `matrix-${({ own: 'A1', sibling: 'B1', ancestor: 'P' } as const)[where]}`,
              name: 'imported',
              kind: TenantKind.CUSTOMER,
              currency: 'USD',
            },
          ],
        }),
      },
      'cascade.metering.v1.TenantService/GetTenant': {
        access: { kind: 'tenant', roles: READ },
        request: tenantById,
      },
      'cascade.metering.v1.TenantService/ListTenants': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ parentId: seller(where) }),
      },
      'cascade.metering.v1.TenantService/UpdateTenant': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ id: leaf(where), name: 'renamed' }),
      },
      'cascade.metering.v1.TenantService/MoveTenant': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) =>
          where === 'own'
            ? { id: t('A3'), newParentId: t('A2'), effectiveAt: at('2026-12-01T00:00:00Z') }
            : {
                id: leaf(where),
                newParentId: where === 'sibling' ? t('B') : t('R'),
                effectiveAt: at('2026-12-01T00:00:00Z'),
              },
      },
      'cascade.metering.v1.TenantService/GetTenantHistory': {
        access: { kind: 'tenant', roles: READ },
        request: tenantById,
      },
      'cascade.metering.v1.TenantService/ListBillingEdges': {
        access: { kind: 'installation' },
        request: () => OCTOBER,
      },
      'cascade.metering.v1.MeterService/CreateMeter': {
        access: { kind: 'installation' },
        request: () => ({ code: unique('m'), name: 'm', unit: 'u', aggregation: Aggregation.SUM }),
      },
      'cascade.metering.v1.MeterService/ListMeters': {
        access: { kind: 'catalog', roles: ['ADMIN', 'VIEWER', 'INGEST'] },
        request: () => ({}),
      },
      'cascade.metering.v1.UsageService/RecordUsage': {
        access: { kind: 'events', roles: INGEST },
        request: (where) => ({ events: [event(where)] }),
      },
      'cascade.metering.v1.UsageService/StreamUsage': {
        access: { kind: 'events', roles: INGEST },
        request: (where) => ({ events: [event(where)], batchId: 'b1' }),
      },
      'cascade.metering.v1.UsageService/QueryUsage': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({
          tenantId: leaf(where),
          meterCode: METER,
          from: OCTOBER.periodStart,
          to: OCTOBER.periodEnd,
        }),
      },
      'cascade.metering.v1.UsageService/SummarizeTree': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({
          tenantId: leaf(where),
          from: OCTOBER.periodStart,
          to: OCTOBER.periodEnd,
        }),
      },
      'cascade.metering.v1.UsageService/ListEdgeUsage': {
        access: { kind: 'installation' },
        request: () => ({ meterCode: METER, from: OCTOBER.periodStart, to: OCTOBER.periodEnd }),
      },
      'cascade.metering.v1.ApiKeyService/CreateApiKey': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ tenantId: leaf(where), role: Role.VIEWER, name: 'new' }),
      },
      'cascade.metering.v1.ApiKeyService/ListApiKeys': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ tenantId: leaf(where) }),
      },
      'cascade.metering.v1.ApiKeyService/RevokeApiKey': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          id: tree.keyIds[({ own: 'A1', sibling: 'B1', ancestor: 'P' } as const)[where]],
        }),
      },
      'cascade.metering.v1.ApiKeyService/Authenticate': {
        access: { kind: 'service' },
        request: () => ({ token: tree.tokens.B1 }),
      },
      'cascade.common.v1.AuditService/ListAuditEvents': listAudit,
      'cascade.rating.v1.PlanService/CreatePlan': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          sellerTenantId: seller(where),
          code: unique('plan'),
          name: 'plan',
          currency: 'USD',
          billingModel: BillingModel.PAYG,
          interval: Interval.MONTHLY,
          charges: [{ meterCode: METER, model: ChargeModel.PER_UNIT, unitPrice: '1' }],
        }),
      },
      // A buys on pp, which it may read (below); its seller's cost is rp, P's plan from R.
      'cascade.rating.v1.PlanService/GetPlan': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ id: where === 'ancestor' ? tree.plans.rp : plan(where) }),
      },
      'cascade.rating.v1.PlanService/ListPlans': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ sellerTenantId: seller(where) }),
      },
      'cascade.rating.v1.PlanService/UpdatePlan': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          id: plan(where),
          name: 'v2',
          effectiveFrom: at('2027-01-01T00:00:00Z'),
        }),
      },
      'cascade.rating.v1.PlanService/ArchivePlan': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ id: where === 'own' ? tree.plans.apSpare : plan(where) }),
      },
      'cascade.rating.v1.PlanService/AssignPlan': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          buyerTenantId: leaf(where),
          planId: plan(where),
          effectiveFrom: at('2026-01-01T00:00:00Z'),
        }),
      },
      'cascade.rating.v1.PlanService/ListAssignments': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ buyerTenantId: leaf(where) }),
      },
      'cascade.rating.v1.RatingService/RateEdge': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ buyerTenantId: leaf(where), ...OCTOBER }),
      },
      'cascade.rating.v1.RatingService/RateTree': {
        access: { kind: 'installation' },
        request: () => OCTOBER,
      },
      'cascade.rating.v1.RatingService/ExplainLine': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({
          buyerTenantId: leaf(where),
          sellerTenantId: where === 'ancestor' ? t('R') : seller(where),
          meterCode: METER,
          from: OCTOBER.periodStart,
          to: OCTOBER.periodEnd,
        }),
      },
      // The buyer's seller's admins price a candidate plan for it: a new plan of that seller.
      'cascade.rating.v1.RatingService/PreviewPlan': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          buyerTenantId: leaf(where),
          ...OCTOBER,
          plan: {
            sellerTenantId: where === 'ancestor' ? t('R') : seller(where),
            code: unique('preview'),
            name: 'preview',
            currency: 'USD',
            billingModel: BillingModel.PAYG,
            interval: Interval.MONTHLY,
            charges: [{ meterCode: METER, model: ChargeModel.PER_UNIT, unitPrice: '1' }],
          },
        }),
      },
      'cascade.invoicing.v1.InvoiceService/RunBilling': {
        access: { kind: 'installation' },
        request: () => OCTOBER,
      },
      'cascade.invoicing.v1.InvoiceService/GetInvoice': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ id: invoice('A>A1', where) }),
      },
      'cascade.invoicing.v1.InvoiceService/GetInvoiceDocument': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ id: invoice('A>A1', where), format: 3 }),
      },
      'cascade.invoicing.v1.InvoiceService/ListInvoices': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ sellerTenantId: seller(where) }),
      },
      'cascade.invoicing.v1.InvoiceService/FinalizeInvoice': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ id: invoice('A>A1', where) }),
      },
      'cascade.invoicing.v1.InvoiceService/VoidInvoice': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ id: invoice('A>A2', where), reason: 'wrong' }),
      },
      'cascade.invoicing.v1.InvoiceService/DiscardDraftInvoice': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          id: where === 'own' ? tree.discardable : invoice('', where),
          reason: 'not wanted',
        }),
      },
      'cascade.invoicing.v1.InvoiceService/MarkInvoicePaid': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ id: invoice('A>A3', where) }),
      },
      'cascade.invoicing.v1.InvoiceService/WatchInvoices': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ sellerTenantId: seller(where) }),
        take: 1,
      },
      'cascade.invoicing.v1.InvoiceService/RunBillingWithProgress': {
        access: { kind: 'installation' },
        request: () => OCTOBER,
      },
      'cascade.invoicing.v1.InvoiceService/WatchBillingRun': {
        access: { kind: 'installation' },
        request: () => ({ id: 'any' }),
      },
      'cascade.invoicing.v1.InvoiceService/WatchBillingRuns': {
        access: { kind: 'installation' },
        request: () => ({}),
        take: 1,
      },
      'cascade.invoicing.v1.InvoiceService/GetBillingRun': {
        access: { kind: 'installation' },
        request: () => ({ id: 'any' }),
      },
      'cascade.invoicing.v1.InvoiceService/ListBillingRuns': {
        access: { kind: 'installation' },
        request: () => OCTOBER,
      },
      // A buyer's settings, credits and subscription are managed from above it.
      'cascade.invoicing.v1.InvoiceService/SetBillingSettings': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ buyerTenantId: leaf(where), taxRate: '0' }),
      },
      'cascade.invoicing.v1.InvoiceService/GetBillingSettings': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ buyerTenantId: leaf(where) }),
      },
      'cascade.invoicing.v1.InvoiceService/TopUpCredits': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          sellerTenantId: where === 'ancestor' ? t('R') : seller(where),
          buyerTenantId: leaf(where),
          amount: '1000',
          currency: 'USD',
          idempotencyKey: unique('top-up'),
        }),
      },
      'cascade.invoicing.v1.InvoiceService/GetCreditBalance': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({
          sellerTenantId: where === 'ancestor' ? t('R') : seller(where),
          buyerTenantId: leaf(where),
        }),
      },
      // A>A1 is FINALIZED by then (FinalizeInvoice above): it can be credited.
      'cascade.invoicing.v1.InvoiceService/IssueCreditNote': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({ invoiceId: invoice('A>A1', where), reason: 'goodwill' }),
      },
      'cascade.invoicing.v1.InvoiceService/ListCreditNotes': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ invoiceId: invoice('A>A1', where) }),
      },
      'cascade.invoicing.v1.InvoiceService/CancelSubscription': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          sellerTenantId: where === 'ancestor' ? t('R') : seller(where),
          buyerTenantId: leaf(where),
          effectiveAt: at('2027-06-01T00:00:00Z'),
        }),
      },
      'cascade.invoicing.v1.InvoiceService/GetMarginReport': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ tenantId: seller(where), ...OCTOBER }),
      },
      'cascade.invoicing.v1.InvoiceService/ListUnpricedUsage': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ tenantId: seller(where), ...OCTOBER }),
      },
      // A seller's own brand and terms: its admins set them, its readers read what is in force.
      'cascade.invoicing.v1.InvoiceService/SetSellerProfile': {
        access: { kind: 'tenant', roles: ADMIN },
        request: (where) => ({
          tenantId: seller(where),
          profile: { displayName: 'Seller' },
          updateMask: { paths: ['display_name'] },
        }),
      },
      'cascade.invoicing.v1.InvoiceService/ExplainInvoiceLine': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ invoiceId: invoice('A>A1', where), lineNumber: 1 }),
      },
      'cascade.invoicing.v1.InvoiceService/GetSellerProfile': {
        access: { kind: 'tenant', roles: READ },
        request: (where) => ({ tenantId: seller(where) }),
      },
    };
  };

  beforeAll(async () => {
    cascade = await startCascade({ database });
    operator = new ConnectClients(cascade.urls);
    tree = await buildFixtureTree(operator);
    for (const role of ROLES) asRole[role] = new ConnectClients(cascade.urls, tree.keys[role]);
  }, 120_000);

  afterAll(async () => {
    operator?.close();
    for (const role of ROLES) asRole[role]?.close();
    await cascade?.stop();
  }, 60_000);

  /** 'REJECTED' when the call succeeded but recorded nothing, every event refused as unknown. */
  function outcomeOf(result: CallOutcome): string {
    if (result.code !== 'OK') return result.code;
    const acks = Array.isArray(result.response) ? result.response : [result.response];
    const ack = acks[0] as { accepted?: number; rejected?: { reason: string }[] } | undefined;
    if (ack && Array.isArray(ack.rejected) && ack.rejected.length > 0 && ack.accepted === 0) {
      expect(ack.rejected.map((r) => r.reason)).toEqual([
        expect.stringMatching(/^tenant: unknown tenant "/),
      ]);
      return 'REJECTED';
    }
    return 'OK';
  }

  describe("a buyer key reads the plan it buys on, never its seller's cost", () => {
    const getPlan = PlanService.method.getPlan;
    const listAssignments = PlanService.method.listAssignments;
    const outcomes = async (token: string, requests: [DescMethod, unknown][]) => {
      const client = new ConnectClients(cascade.urls, token);
      try {
        const results: string[] = [];
        for (const [method, request] of requests) {
          const result = await client.call('rating', method, request);
          const response = result.response as
            | {
                code?: string;
                charges?: { unitPrice: string }[];
                assignments?: { planId: string }[];
              }
            | undefined;
          const seen =
            response?.charges?.map((c) => c.unitPrice).join(',') ??
            response?.assignments?.map((a) => a.planId === tree.plans.ap).join(',');
          results.push(result.code === 'OK' ? `OK ${seen}` : result.code);
        }
        return results;
      } finally {
        client.close();
      }
    };

    test("A (buying on pp from P) reads pp, not rp (what P pays R), nor P's other plans", async () => {
      for (const role of ['VIEWER', 'ADMIN', 'INGEST'] as const)
        expect(
          await outcomes(tree.keys[role], [
            [getPlan, { id: tree.plans.pp }],
            [getPlan, { id: tree.plans.pp, version: 1 }],
            [getPlan, { id: tree.plans.rp }],
            [getPlan, { id: tree.plans.bp }],
          ]),
        ).toEqual(
          role === 'INGEST'
            ? ['PERMISSION_DENIED', 'PERMISSION_DENIED', 'PERMISSION_DENIED', 'PERMISSION_DENIED']
            : ['OK 0.02', 'OK 0.02', 'NOT_FOUND', 'NOT_FOUND'],
        );
    });

    test("a customer reads its own plan and assignments, not its seller's purchases", async () => {
      expect(
        await outcomes(tree.tokens.A1, [
          [getPlan, { id: tree.plans.ap }],
          [listAssignments, { buyerTenantId: t('A1') }],
          [getPlan, { id: tree.plans.pp }],
          [getPlan, { id: tree.plans.apSpare }],
          [getPlan, { id: tree.plans.bp }],
          [listAssignments, { buyerTenantId: t('A') }],
        ]),
        // Its assignments: ap since January, then A's subscription a-sub from November.
      ).toEqual(['OK 0.03', 'OK true,false', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    });
  });

  // Building the cases only creates closures: their names are known before the tree exists.
  const named = new Set(Object.keys(cases()));
  for (const { service, on } of servedServices()) {
    for (const method of service.methods) {
      const name = pattern(method);
      describe(name, () => {
        test('has a case in this matrix (and so a rule in the policy)', () => {
          expect([...named]).toContain(name);
        });
        if (!named.has(name)) return;
        for (const host of on) {
          for (const role of ROLES) {
            test.each(WHERE)(
              `on ${host}, an ${role} key acting on its %s tenants`,
              async (where) => {
                const found = cases()[name];
                if (!found) throw new Error(`no case for ${name}`);
                const result = await (asRole[role] as ConnectClients).call(
                  host,
                  method,
                  found.request(where),
                  {
                    take: found.take,
                    timeoutMs: found.take === undefined ? undefined : LIVE_DEADLINE_MS,
                  },
                );
                // The message rides along so that a failure says why.
                const outcome = outcomeOf(result);
                const want = expected(found.access, role, where);
                expect(outcome === want ? want : `${outcome}: ${result.message}`).toBe(want);
              },
            );
          }
          test(`on ${host}, no token or a wrong one is UNAUTHENTICATED`, async () => {
            const found = cases()[name];
            if (!found) throw new Error(`no case for ${name}`);
            const anonymous = new ConnectClients(cascade.urls, null);
            const forged = new ConnectClients(cascade.urls, `${tree.keys.ADMIN}x`);
            try {
              for (const client of [anonymous, forged]) {
                const result = await client.call(host, method, found.request('own'), {
                  take: found.take,
                  timeoutMs: found.take === undefined ? undefined : LIVE_DEADLINE_MS,
                });
                expect(result.code).toBe('UNAUTHENTICATED');
              }
            } finally {
              anonymous.close();
              forged.close();
            }
          });
        }
      });
    }
  }
}

for (const [label, database, describeOn] of BACKENDS)
  describeOn(`access matrix (${label}): every RPC × role × subtree`, () => accessMatrix(database));
