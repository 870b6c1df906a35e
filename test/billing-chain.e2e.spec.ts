// The foundation slice end to end: provider → reseller → customer on PAYG plans,
// three real service processes, driven by an independent grpc-js client. Both
// edges bill exactly, recording the same events twice bills them once, and
// re-running the period creates no second invoice. Runs on SQLite and PostgreSQL.
import {
  Cascade,
  CascadeClients,
  BACKENDS,
  grpcClients,
  Message,
  startCascade,
  timestamp,
} from './support';
import { Dec } from '@cascade/money';

const OCTOBER = {
  period_start: timestamp('2026-10-01T00:00:00Z'),
  period_end: timestamp('2026-11-01T00:00:00Z'),
};

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`billing a reseller chain on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    let provider: Message;
    let reseller: Message;
    let customer: Message;

    beforeAll(async () => {
      cascade = await startCascade({ database });
      api = grpcClients(cascade.urls);
      const tenant = (parent: Message | undefined, ref: string, kind: string) =>
        api.tenants.CreateTenant({
          parent_id: parent?.id ?? '',
          external_ref: ref,
          name: ref,
          kind,
          currency: 'USD',
        });
      provider = await tenant(undefined, 'acme', 'TENANT_KIND_PROVIDER');
      reseller = await tenant(provider, 'blue', 'TENANT_KIND_RESELLER');
      customer = await tenant(reseller, 'cust', 'TENANT_KIND_CUSTOMER');
      await api.meters.CreateMeter({
        code: 'api.calls',
        name: 'API calls',
        unit: 'call',
        aggregation: 'AGGREGATION_SUM',
      });
      const plan = (seller: Message, code: string, unitPrice: string) =>
        api.plans.CreatePlan({
          seller_tenant_id: seller.id,
          code,
          name: code,
          currency: 'USD',
          billing_model: 'BILLING_MODEL_PAYG',
          interval: 'INTERVAL_MONTHLY',
          charges: [
            { meter_code: 'api.calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: unitPrice },
          ],
        });
      const wholesale = await plan(provider, 'wholesale', '0.01');
      const retail = await plan(reseller, 'retail', '0.0125');
      const since = timestamp('2026-01-01T00:00:00Z');
      await api.plans.AssignPlan({
        buyer_tenant_id: reseller.id,
        plan_id: wholesale.id,
        effective_from: since,
      });
      await api.plans.AssignPlan({
        buyer_tenant_id: customer.id,
        plan_id: retail.id,
        effective_from: since,
      });
    }, 180_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    test('records usage once however often it is sent', async () => {
      const events = [
        {
          id: 'c-1',
          tenant_external_ref: 'cust',
          meter_code: 'api.calls',
          quantity: '1000.5',
          timestamp: timestamp('2026-10-03T10:00:00Z'),
        },
        {
          id: 'c-2',
          tenant_external_ref: 'cust',
          meter_code: 'api.calls',
          quantity: '233',
          timestamp: timestamp('2026-10-20T10:00:00Z'),
        },
        {
          id: 'c-2',
          tenant_external_ref: 'cust',
          meter_code: 'api.calls',
          quantity: '233',
          timestamp: timestamp('2026-10-20T10:00:00Z'),
        },
        {
          id: 'r-1',
          tenant_id: reseller.id,
          meter_code: 'api.calls',
          quantity: '400',
          timestamp: timestamp('2026-10-31T23:59:59Z'),
        },
        {
          id: 'late',
          tenant_id: reseller.id,
          meter_code: 'api.calls',
          quantity: '9',
          timestamp: timestamp('2026-11-01T00:00:00Z'),
        },
      ];
      const first = await api.usage.RecordUsage({ events });
      const again = await api.usage.RecordUsage({ events });
      expect([first.accepted, first.duplicates, again.accepted, again.duplicates]).toEqual([
        4, 1, 0, 5,
      ]);
    });

    test('bills both edges exactly, each at its seller’s price', async () => {
      const run = await api.invoices.RunBilling(OCTOBER);
      expect(run.invoice_ids).toHaveLength(2);
      const customerInvoice = await onlyInvoice({ buyer_tenant_id: customer.id });
      const resellerInvoice = await onlyInvoice({ buyer_tenant_id: reseller.id });
      // 1233.5 calls × 0.0125 = 15.41875 → 15.42
      expect(summary(customerInvoice)).toEqual({
        seller: reseller.id,
        status: 'INVOICE_STATUS_DRAFT',
        lines: [['LINE_KIND_USAGE', 'api.calls', '1233.5', '15.42']],
        subtotal: '15.42',
        total: '15.42',
        amount_due: '15.42',
      });
      // The reseller's own 400 plus its customer's 1233.5 = 1633.5 calls × 0.01 = 16.335 → 16.34
      expect(summary(resellerInvoice)).toEqual({
        seller: provider.id,
        status: 'INVOICE_STATUS_DRAFT',
        lines: [['LINE_KIND_USAGE', 'api.calls', '1633.5', '16.34']],
        subtotal: '16.34',
        total: '16.34',
        amount_due: '16.34',
      });
    });

    test('keeps every unit: the reseller buys what it used plus what it sold', async () => {
      const sold = await onlyInvoice({ buyer_tenant_id: customer.id });
      const bought = await onlyInvoice({ buyer_tenant_id: reseller.id });
      const own = await api.usage.QueryUsage({
        tenant_id: reseller.id,
        meter_code: 'api.calls',
        from: OCTOBER.period_start,
        to: OCTOBER.period_end,
        include_descendants: false,
      });
      expect(new Dec(bought.lines[0].quantity).minus(sold.lines[0].quantity).toFixed()).toBe(
        own.total,
      );
      expect(own.total).toBe('400');
    });

    test('re-running the period updates drafts and never duplicates an invoice', async () => {
      const before = await api.invoices.ListInvoices({ seller_tenant_id: reseller.id });
      const rerun = await api.invoices.RunBilling(OCTOBER);
      const after = await api.invoices.ListInvoices({ seller_tenant_id: reseller.id });
      expect(rerun.invoice_ids).toHaveLength(2);
      expect(after.invoices.map((i: Message) => i.id)).toEqual(
        before.invoices.map((i: Message) => i.id),
      );
    });

    test('finalizes with the seller’s first number and reads it back by id', async () => {
      const invoice = await onlyInvoice({ buyer_tenant_id: customer.id });
      const finalized = await api.invoices.FinalizeInvoice({ id: invoice.id });
      const read = await api.invoices.GetInvoice({ id: invoice.id });
      expect([finalized.status, read.status, read.number.endsWith('-000001'), read.total]).toEqual([
        'INVOICE_STATUS_FINALIZED',
        'INVOICE_STATUS_FINALIZED',
        true,
        '15.42',
      ]);
    });

    test('answers bad input with the gRPC code and the field', async () => {
      await expect(
        api.invoices.RunBilling({
          period_start: OCTOBER.period_end,
          period_end: OCTOBER.period_start,
        }),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: 'period_end: must be after period_start',
        // what grpc-js itself delivers, undecoded by the harness
        rawDetails: 'period_end: must be after period_start',
      });
      await expect(api.invoices.GetInvoice({ id: 'no-such-invoice' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(
        api.plans.AssignPlan({
          buyer_tenant_id: customer.id,
          plan_id: 'no-such-plan',
          effective_from: OCTOBER.period_start,
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    async function onlyInvoice(filter: Message): Promise<Message> {
      const { invoices } = await api.invoices.ListInvoices({ ...filter, ...OCTOBER });
      expect(invoices).toHaveLength(1);
      return invoices[0];
    }
  });
}

function summary(invoice: Message) {
  return {
    seller: invoice.seller_tenant_id,
    status: invoice.status,
    lines: invoice.lines.map((l: Message) => [l.kind, l.meter_code, l.quantity, l.amount]),
    subtotal: invoice.subtotal,
    total: invoice.total,
    amount_due: invoice.amount_due,
  };
}
