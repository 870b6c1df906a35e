// kill -9 invoicing in the middle of RunBilling, and again in the middle of
// finalizing: running again gives one invoice per edge, the same amounts, and
// invoice numbers with no gap and no repeat in any seller's sequence.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  BillingModel,
  BillingRunStatus,
  ChargeModel,
  Interval,
  Invoice,
  InvoiceService,
  InvoiceStatus,
  MeterService,
  PlanService,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { Dec } from '@cascade/money';
import { waitFor } from '@cascade/plugin-sdk/testing';
import { Cascade, ConnectClients, startCascade } from '../support';

const RESELLERS = 10;
const CUSTOMERS = 20;
const METER = 'fault.gb';
const OCTOBER = {
  periodStart: timestampFromDate(new Date('2026-10-01T00:00:00Z')),
  periodEnd: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
};
const WHOLESALE = new Dec('0.013');
const retailPrice = (r: number) => new Dec('0.02').plus(new Dec(r).mul('0.0015'));
const quantity = (r: number, c: number) => new Dec(100 + 37 * r + c).plus('0.25');
const cents = (amount: Dec) => amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);

describe('invoicing killed during a billing run and during finalization', () => {
  let cascade: Cascade;
  let operator: ConnectClients;
  const names = new Map<string, string>();
  const expected = new Map<string, string>();
  let providerId = '';
  const resellerIds: string[] = [];

  const invoicesOf = async (sellerId: string): Promise<Invoice[]> =>
    (await operator.client('invoicing', InvoiceService).listInvoices({ sellerTenantId: sellerId }))
      .invoices;
  const allInvoices = async () =>
    (await Promise.all([providerId, ...resellerIds].map(invoicesOf))).flat();
  const pair = (i: Invoice) => `${names.get(i.sellerTenantId)}>${names.get(i.buyerTenantId)}`;

  beforeAll(async () => {
    // Small chunks: the run commits its drafts in many steps, so a kill lands between them.
    cascade = await startCascade({ database: 'sqlite', env: { INVOICING_RUN_CHUNK: '3' } });
    operator = new ConnectClients(cascade.urls);
    const tenants = operator.client('metering', TenantService);
    const plans = operator.client('rating', PlanService);
    await operator
      .client('metering', MeterService)
      .createMeter({ code: METER, name: 'GB', unit: 'GB', aggregation: Aggregation.SUM });
    const tenant = async (name: string, parentId: string, kind: TenantKind) => {
      const t = await tenants.createTenant({
        parentId,
        externalRef: `crash-${name}`,
        name,
        kind,
        currency: 'USD',
      });
      names.set(t.id, name);
      return t.id;
    };
    const plan = async (sellerTenantId: string, unitPrice: Dec) =>
      (
        await plans.createPlan({
          sellerTenantId,
          code: `p-${unitPrice.toFixed()}`,
          name: 'plan',
          currency: 'USD',
          billingModel: BillingModel.PAYG,
          interval: Interval.MONTHLY,
          charges: [
            { meterCode: METER, model: ChargeModel.PER_UNIT, unitPrice: unitPrice.toFixed() },
          ],
        })
      ).id;
    const since = timestampFromDate(new Date('2026-01-01T00:00:00Z'));
    providerId = await tenant('P', '', TenantKind.PROVIDER);
    const wholesale = await plan(providerId, WHOLESALE);
    const events = [];
    for (let r = 0; r < RESELLERS; r++) {
      const resellerId = await tenant(`R${r}`, providerId, TenantKind.RESELLER);
      resellerIds.push(resellerId);
      await plans.assignPlan({
        buyerTenantId: resellerId,
        planId: wholesale,
        effectiveFrom: since,
      });
      const retail = await plan(resellerId, retailPrice(r));
      let resold = new Dec(0);
      for (let c = 0; c < CUSTOMERS; c++) {
        const customerId = await tenant(`R${r}C${c}`, resellerId, TenantKind.CUSTOMER);
        await plans.assignPlan({ buyerTenantId: customerId, planId: retail, effectiveFrom: since });
        events.push({
          id: `crash-${r}-${c}`,
          tenantId: customerId,
          meterCode: METER,
          quantity: quantity(r, c).toFixed(),
          timestamp: timestampFromDate(new Date(Date.UTC(2026, 9, 1 + c))),
        });
        expected.set(`R${r}>R${r}C${c}`, cents(quantity(r, c).mul(retailPrice(r))));
        resold = resold.plus(quantity(r, c));
      }
      expected.set(`P>R${r}`, cents(resold.mul(WHOLESALE)));
    }
    const recorded = await operator.client('metering', UsageService).recordUsage({ events });
    expect(recorded.accepted).toBe(RESELLERS * CUSTOMERS);
  }, 180_000);

  afterAll(async () => {
    operator?.close();
    await cascade?.stop();
  }, 60_000);

  test('a run killed half way, run again: one invoice per edge, the same amounts', async () => {
    const invoicing = operator.client('invoicing', InvoiceService);
    const first = invoicing.runBilling(OCTOBER).then(
      () => 'finished',
      () => 'cut off',
    );
    // The run logs its progress after every chunk it committed; the service is too busy
    // billing to answer a poll in time, its output is not.
    const billed = await waitFor(
      'the run to commit its first chunks',
      () => {
        const counts = [...cascade.logs('invoicing').matchAll(/: \d+ edges, (\d+) invoices/g)];
        const last = Number(counts[counts.length - 1]?.[1] ?? 0);
        return last >= 3 ? last : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1 },
    );
    await cascade.kill('invoicing');
    expect(await first).toBe('cut off');
    await cascade.restart('invoicing');

    const left = await allInvoices();
    expect(billed).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(expected.size);

    const second = await invoicing.runBilling(OCTOBER);
    expect(second.invoiceIds).toHaveLength(expected.size);
    const { runs } = await invoicing.listBillingRuns(OCTOBER);
    expect(runs.map((r) => BillingRunStatus[r.status]).sort()).toEqual(['SUCCEEDED', 'SUPERSEDED']);

    const invoices = await allInvoices();
    expect(invoices.map((i) => i.id).sort()).toEqual([...second.invoiceIds].sort());
    // Drafts written before the kill are the same invoices, not copies of them.
    expect(left.every((i) => second.invoiceIds.includes(i.id))).toBe(true);
    const amounts = new Map(invoices.map((i) => [pair(i), i.total]));
    expect(amounts.size).toBe(invoices.length);
    expect(Object.fromEntries(amounts)).toEqual(Object.fromEntries(expected));
  }, 300_000);

  test('finalizing killed half way, finished after: numbers without gaps or repeats', async () => {
    const invoicing = operator.client('invoicing', InvoiceService);
    const drafts = await allInvoices();
    let finalized = 0;
    /** Four at a time, as a finance tool would; returns how many calls failed. */
    const finalizeAll = async (ids: readonly string[]) => {
      const queue = [...ids];
      let failures = 0;
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            await invoicing.finalizeInvoice({ id });
            finalized += 1;
          } catch {
            failures += 1;
          }
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      return failures;
    };
    const firstPass = finalizeAll(drafts.map((i) => i.id));
    await waitFor('a few invoices finalized', () => finalized >= 10 || undefined, {
      timeoutMs: 60_000,
      everyMs: 2,
    });
    await cascade.kill('invoicing');
    const failed = await firstPass;
    expect(failed).toBeGreaterThan(0);
    await cascade.restart('invoicing');
    // Finalizing a FINALIZED invoice returns it as it is: the client simply retries everything.
    expect(await finalizeAll(drafts.map((i) => i.id))).toBe(0);

    const invoices = await allInvoices();
    expect(invoices.every((i) => i.status === InvoiceStatus.FINALIZED)).toBe(true);
    const bySeller = new Map<string, number[]>();
    for (const invoice of invoices) {
      const sequence = Number(/(\d+)$/.exec(invoice.number)?.[1]);
      bySeller.set(invoice.sellerTenantId, [
        ...(bySeller.get(invoice.sellerTenantId) ?? []),
        sequence,
      ]);
    }
    for (const [seller, numbers] of bySeller) {
      const count = seller === providerId ? RESELLERS : CUSTOMERS;
      expect([names.get(seller), [...numbers].sort((a, b) => a - b)]).toEqual([
        names.get(seller),
        Array.from({ length: count }, (_, i) => i + 1),
      ]);
    }
    const amounts = Object.fromEntries(invoices.map((i) => [pair(i), i.total]));
    expect(amounts).toEqual(Object.fromEntries(expected));
  }, 300_000);
});
