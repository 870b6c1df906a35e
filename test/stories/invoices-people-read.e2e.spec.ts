// Story: a provider brands its invoices (name, logo, colour, prefix, payment terms), a
// reseller below it sets only its own prefix and inherits the rest. October is billed:
// every line names the meter, its unit and the plan; numbers carry the seller's prefix;
// the invoice carries its dates. An operator finds invoices by number, status and party,
// page by page, and a buyer's stream carries only that buyer's invoices. A line is
// explained across the chain (its sources, the seller's cost, the buyer's resale), the
// cost never to the customer; after the customer moves to another reseller, the old
// reseller still reads what it invoiced it.
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import {
  Aggregation,
  ApiKeyService,
  BillingModel,
  ChargeModel,
  InvoiceEventType,
  InvoiceService,
  InvoiceStatus,
  Interval,
  LineKind,
  Role,
  MeterService,
  PlanService,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, ConnectClients, startCascade } from '../support';

const OCTOBER = {
  periodStart: timestampFromDate(new Date('2026-10-01T00:00:00Z')),
  periodEnd: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
};
const EGRESS = 'net.egress.gb';
const DAY_MS = 86_400_000;
/** The smallest PNG signature a logo check reads, then some bytes. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function failure(promise: Promise<unknown>): Promise<[Code, string]> {
  try {
    await promise;
  } catch (error) {
    const e = ConnectError.from(error);
    return [e.code, e.rawMessage];
  }
  throw new Error('the call succeeded');
}

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`invoices people read and find on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    const t: Record<string, string> = {};
    const invoices = () => operator.client('invoicing', InvoiceService);
    /** Clients holding a new API key of the tenant. */
    const keyOf = async (tenantId: string, role: Role) => {
      const created = await operator
        .client('metering', ApiKeyService)
        .createApiKey({ tenantId, role, name: 'story' });
      return new ConnectClients(cascade.urls, created.secret);
    };

    beforeAll(async () => {
      cascade = await startCascade({ database });
      operator = new ConnectClients(cascade.urls);
      const tenants = operator.client('metering', TenantService);
      const tenant = async (parentId: string, ref: string, kind: TenantKind) =>
        (
          await tenants.createTenant({
            parentId,
            externalRef: ref,
            name: ref,
            kind,
            currency: 'USD',
          })
        ).id;
      t.acme = await tenant('', 'acme', TenantKind.PROVIDER);
      t.blue = await tenant(t.acme, 'blue', TenantKind.RESELLER);
      t.cust = await tenant(t.blue, 'cust', TenantKind.CUSTOMER);
      await operator.client('metering', MeterService).createMeter({
        code: EGRESS,
        name: 'Egress',
        unit: 'GB',
        aggregation: Aggregation.SUM,
      });
      const plans = operator.client('rating', PlanService);
      const plan = async (seller: string, code: string, name: string, price: string) =>
        (
          await plans.createPlan({
            sellerTenantId: seller,
            code,
            name,
            currency: 'USD',
            billingModel: BillingModel.PAYG,
            interval: Interval.MONTHLY,
            charges: [{ meterCode: EGRESS, model: ChargeModel.PER_UNIT, unitPrice: price }],
          })
        ).id;
      const from = timestampFromDate(new Date('2026-01-01T00:00:00Z'));
      await plans.assignPlan({
        buyerTenantId: t.blue,
        planId: await plan(t.acme, 'gold', 'Gold', '0.01'),
        effectiveFrom: from,
      });
      await plans.assignPlan({
        buyerTenantId: t.cust,
        planId: await plan(t.blue, 'retail', 'Retail', '0.02'),
        effectiveFrom: from,
      });
      const recorded = await operator.client('metering', UsageService).recordUsage({
        events: [
          {
            id: 'egress-1',
            tenantId: t.cust,
            meterCode: EGRESS,
            quantity: '750.5',
            timestamp: timestampFromDate(new Date('2026-10-10T00:00:00Z')),
          },
        ],
      });
      expect(recorded.accepted).toBe(1);
    }, 180_000);

    afterAll(async () => {
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    it('inherits each profile field from the nearest tenant that set it', async () => {
      await invoices().setSellerProfile({
        tenantId: t.acme,
        profile: {
          displayName: 'ACME Cloud',
          logo: PNG,
          accentColor: '#FF6600',
          invoicePrefix: 'ACME',
          paymentTermsDays: 30,
          // Outside the mask: not read.
          taxId: 'ignored',
        },
        updateMask: {
          paths: ['display_name', 'logo', 'accent_color', 'invoice_prefix', 'payment_terms_days'],
        },
      });
      await invoices().setSellerProfile({
        tenantId: t.blue,
        profile: { invoicePrefix: 'BLUE', displayName: 'Blue IT' },
        updateMask: { paths: ['invoice_prefix', 'display_name'] },
      });
      const own = (p: { brandTenantId: string; displayName: string }) => [
        p.brandTenantId,
        p.displayName,
      ];
      expect(own(await invoices().getSellerProfile({ tenantId: t.cust }))).toEqual([
        t.blue,
        'Blue IT',
      ]);
      // Clearing the reseller's name hands the brand back to the provider.
      await invoices().setSellerProfile({
        tenantId: t.blue,
        profile: {},
        updateMask: { paths: ['display_name'] },
      });
      const cust = await invoices().getSellerProfile({ tenantId: t.cust });
      expect({
        tenantId: cust.tenantId,
        displayName: cust.displayName,
        logo: [...cust.logo],
        logoContentType: cust.logoContentType,
        accentColor: cust.accentColor,
        taxId: cust.taxId,
        invoicePrefix: cust.invoicePrefix,
        paymentTermsDays: cust.paymentTermsDays,
        brandTenantId: cust.brandTenantId,
        updatedAt: cust.updatedAt,
      }).toEqual({
        tenantId: t.cust,
        displayName: 'ACME Cloud',
        logo: [...PNG],
        logoContentType: 'image/png',
        accentColor: '#ff6600',
        taxId: '',
        invoicePrefix: 'BLUE',
        paymentTermsDays: 30,
        brandTenantId: t.acme,
        updatedAt: undefined,
      });
      expect(
        await failure(
          invoices().setSellerProfile({
            tenantId: t.blue,
            profile: { invoicePrefix: 'blue' },
            updateMask: { paths: ['invoice_prefix'] },
          }),
        ),
      ).toEqual([
        Code.InvalidArgument,
        'profile.invoice_prefix: must be 1 to 12 of A-Z, 0-9 and -, got "blue"',
      ]);
      expect((await invoices().getSellerProfile({ tenantId: t.blue })).invoicePrefix).toBe('BLUE');
    });

    it('names the meter, its unit and the plan on every line', async () => {
      await invoices().runBilling(OCTOBER, { timeoutMs: 120_000 });
      const { invoices: found } = await invoices().listInvoices({
        sellerTenantId: t.blue,
        buyerTenantId: t.cust,
      });
      expect(found).toHaveLength(1);
      const [line] = found[0].lines;
      expect([
        line.kind,
        line.lineNumber,
        line.description,
        line.meterName,
        line.unit,
        line.planName,
        line.planCode,
        line.quantity,
        line.amount,
      ]).toEqual([
        LineKind.USAGE,
        1,
        'Egress (GB): 750.5 GB, plan Retail v1',
        'Egress',
        'GB',
        'Retail',
        'retail',
        '750.5',
        '15.01',
      ]);
      expect([found[0].number, found[0].finalizedAt, found[0].dueAt]).toEqual([
        '',
        undefined,
        undefined,
      ]);
      expect(found[0].createdAt).toBeDefined();
    });

    it('numbers with the seller’s prefix and dates the lifecycle', async () => {
      const [cust] = (await invoices().listInvoices({ buyerTenantId: t.cust })).invoices;
      const [blue] = (await invoices().listInvoices({ buyerTenantId: t.blue })).invoices;
      const year = new Date().getUTCFullYear();
      const finalized = await invoices().finalizeInvoice({ id: cust.id });
      expect(finalized.number).toBe(`BLUE-${year}-000001`);
      const finalizedAt = timestampDate(finalized.finalizedAt!).getTime();
      expect(timestampDate(finalized.dueAt!).getTime() - finalizedAt).toBe(30 * DAY_MS);
      const paid = await invoices().markInvoicePaid({ id: cust.id });
      expect(timestampDate(paid.paidAt!).getTime()).toBeGreaterThanOrEqual(finalizedAt);

      expect((await invoices().finalizeInvoice({ id: blue.id })).number).toBe(
        `ACME-${year}-000001`,
      );
      const voided = await invoices().voidInvoice({ id: blue.id, reason: 'wrong rate' });
      expect([voided.status, voided.voidReason, voided.voidedAt !== undefined]).toEqual([
        InvoiceStatus.VOID,
        'wrong rate',
        true,
      ]);
    });

    it('finds an invoice by its number, status and party, page by page', async () => {
      const year = new Date().getUTCFullYear();
      const byNumber = await invoices().getInvoice({ number: `BLUE-${year}-000001` });
      expect([byNumber.buyerTenantId, byNumber.status]).toEqual([t.cust, InvoiceStatus.PAID]);
      expect(await failure(invoices().getInvoice({ number: 'NOPE-2026-000001' }))).toEqual([
        Code.NotFound,
        'invoice "NOPE-2026-000001" not found',
      ]);
      expect(await failure(invoices().getInvoice({ id: byNumber.id, number: 'X' }))).toEqual([
        Code.InvalidArgument,
        'number: give id or number, not both',
      ]);

      const listed = async (req: object) =>
        (await invoices().listInvoices(req)).invoices.map((i) => i.number);
      expect(await listed({ status: InvoiceStatus.VOID })).toEqual([`ACME-${year}-000001`]);
      expect(await listed({ number: `BLUE-${year}-000001` })).toEqual([`BLUE-${year}-000001`]);
      expect(await listed({ sellerTenantId: t.blue, status: InvoiceStatus.DRAFT })).toEqual([]);

      // Operator-wide, one per page: each invoice once, in the same order as one big page.
      const all = (await invoices().listInvoices({})).invoices.map((i) => i.id);
      const paged: string[] = [];
      let pageToken = '';
      do {
        const page = await invoices().listInvoices({ pageSize: 1, pageToken });
        paged.push(...page.invoices.map((i) => i.id));
        pageToken = page.nextPageToken;
      } while (pageToken);
      expect([all.length, paged]).toEqual([2, all]);
      expect(await failure(invoices().listInvoices({ pageToken: 'garbage' }))).toEqual([
        Code.InvalidArgument,
        'page_token: is not a token this service issued',
      ]);
    });

    it('explains a line: its sources by name, the seller’s cost, never to the customer', async () => {
      const [cust] = (await invoices().listInvoices({ buyerTenantId: t.cust })).invoices;
      const [blue] = (await invoices().listInvoices({ buyerTenantId: t.blue })).invoices;
      const explained = await invoices().explainInvoiceLine({ invoiceId: cust.id, lineNumber: 1 });
      expect([
        explained.quantity,
        explained.unit,
        explained.line?.description,
        explained.byTenant.map((c) => [c.key, c.name, c.quantity]),
        explained.cost.map((c) => [c.invoiceId, c.invoiceNumber, c.line?.quantity, c.line?.amount]),
        explained.resale,
      ]).toEqual([
        '750.5',
        'GB',
        'Egress (GB): 750.5 GB, plan Retail v1',
        [[t.cust, 'cust', '750.5']],
        [[blue.id, blue.number, '750.5', '7.51']],
        [],
      ]);
      // The reseller's own line: what it resold to the customer.
      const resold = await invoices().explainInvoiceLine({ invoiceId: blue.id, lineNumber: 1 });
      expect(resold.resale.map((r) => [r.invoiceId, r.line?.amount])).toEqual([[cust.id, '15.01']]);
      expect(
        await failure(invoices().explainInvoiceLine({ invoiceId: cust.id, lineNumber: 2 })),
      ).toEqual([Code.InvalidArgument, 'line_number: the invoice has no line 2']);

      const customer = await keyOf(t.cust, Role.VIEWER);
      const seen = await customer
        .client('invoicing', InvoiceService)
        .explainInvoiceLine({ invoiceId: cust.id, lineNumber: 1 });
      customer.close();
      expect([seen.quantity, seen.cost]).toEqual(['750.5', []]);
    });

    it('lets a reseller read what it invoiced a customer that has moved away', async () => {
      const green = (
        await operator.client('metering', TenantService).createTenant({
          parentId: t.acme,
          externalRef: 'green',
          name: 'green',
          kind: TenantKind.RESELLER,
          currency: 'USD',
        })
      ).id;
      await operator.client('metering', TenantService).moveTenant({
        id: t.cust,
        newParentId: green,
        effectiveAt: timestampFromDate(new Date('2026-11-15T00:00:00Z')),
      });
      const reseller = await keyOf(t.blue, Role.VIEWER);
      const asBlue = reseller.client('invoicing', InvoiceService);
      const listed = await asBlue.listInvoices({ sellerTenantId: t.blue, buyerTenantId: t.cust });
      const explained = await asBlue.explainInvoiceLine({
        invoiceId: listed.invoices[0].id,
        lineNumber: 1,
      });
      const got = await asBlue.getInvoice({ id: listed.invoices[0].id });
      reseller.close();
      expect([listed.invoices.length, got.buyerTenantId, explained.quantity]).toEqual([
        1,
        t.cust,
        '750.5',
      ]);
    });

    it('streams one buyer’s invoices only', async () => {
      const events: [InvoiceEventType, string][] = [];
      for await (const event of invoices().watchInvoices(
        { afterSequence: 0n, buyerTenantId: t.cust },
        { timeoutMs: 20_000 },
      )) {
        events.push([event.type, event.invoice!.buyerTenantId]);
        if (events.length === 3) break;
      }
      expect(events).toEqual([
        [InvoiceEventType.CREATED, t.cust],
        [InvoiceEventType.FINALIZED, t.cust],
        [InvoiceEventType.PAID, t.cust],
      ]);
    });
  });
}
