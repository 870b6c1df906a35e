// Replaying an entire month's events a second time (reordered, rebatched, through
// both ingest RPCs) changes nothing: every event is a duplicate and billing the month
// again gives exactly the same invoices, line for line, on both databases.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  BillingModel,
  ChargeModel,
  Invoice,
  InvoiceService,
  Interval,
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
const MONTH_START = Date.UTC(2026, 9, 1);
const MONTH_MS = 31 * 86_400_000;

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Event {
  id: string;
  tenantId: string;
  meterCode: string;
  quantity: string;
  timestamp: ReturnType<typeof timestampFromDate>;
  resourceId: string;
  properties: Record<string, string>;
}

/** What an invoice says, without the instants it was written at. */
function content(invoice: Invoice) {
  return {
    id: invoice.id,
    seller: invoice.sellerTenantId,
    buyer: invoice.buyerTenantId,
    status: invoice.status,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    lines: invoice.lines.map((l) => [l.kind, l.meterCode, l.quantity, l.amount, l.preciseAmount]),
  };
}

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`a month's events replayed on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    const sellers: string[] = [];
    const events: Event[] = [];

    beforeAll(async () => {
      cascade = await startCascade({ database });
      operator = new ConnectClients(cascade.urls);
      const meters = operator.client('metering', MeterService);
      await meters.createMeter({
        code: 'r.gb',
        name: 'GB',
        unit: 'GB',
        aggregation: Aggregation.SUM,
      });
      await meters.createMeter({
        code: 'r.vcpu',
        name: 'vCPU',
        unit: 'vCPU-hour',
        aggregation: Aggregation.TIME_WEIGHTED,
      });
      await meters.createMeter({
        code: 'r.users',
        name: 'users',
        unit: 'user',
        aggregation: Aggregation.UNIQUE_COUNT,
        property: 'user',
      });
      const tenants = operator.client('metering', TenantService);
      const plans = operator.client('rating', PlanService);
      const since = timestampFromDate(new Date('2026-01-01T00:00:00Z'));
      const tenant = async (name: string, parentId: string, kind: TenantKind) =>
        (
          await tenants.createTenant({
            parentId,
            externalRef: `replay-${name}`,
            name,
            kind,
            currency: 'USD',
          })
        ).id;
      const plan = async (seller: string, code: string) =>
        (
          await plans.createPlan({
            sellerTenantId: seller,
            code,
            name: code,
            currency: 'USD',
            billingModel: BillingModel.PAYG,
            interval: Interval.MONTHLY,
            charges: [
              {
                meterCode: 'r.gb',
                model: ChargeModel.GRADUATED,
                tiers: [
                  { upTo: '1000', unitPrice: '0.05' },
                  { upTo: '', unitPrice: '0.0375' },
                ],
              },
              { meterCode: 'r.vcpu', model: ChargeModel.PER_UNIT, unitPrice: '0.0123' },
              {
                meterCode: 'r.users',
                model: ChargeModel.PACKAGE,
                packageSize: '5',
                packagePrice: '2',
              },
            ],
          })
        ).id;
      const provider = await tenant('P', '', TenantKind.PROVIDER);
      sellers.push(provider);
      const wholesale = await plan(provider, 'wholesale');
      const customers: string[] = [];
      for (let r = 0; r < 2; r++) {
        const reseller = await tenant(`R${r}`, provider, TenantKind.RESELLER);
        sellers.push(reseller);
        await plans.assignPlan({
          buyerTenantId: reseller,
          planId: wholesale,
          effectiveFrom: since,
        });
        const retail = await plan(reseller, `retail-${r}`);
        for (let c = 0; c < 3; c++) {
          const customer = await tenant(`R${r}C${c}`, reseller, TenantKind.CUSTOMER);
          await plans.assignPlan({ buyerTenantId: customer, planId: retail, effectiveFrom: since });
          customers.push(customer);
        }
      }
      const next = random(20_261_001);
      for (let n = 0; n < 3_000; n++) {
        const tenantId = customers[Math.floor(next() * customers.length)];
        const at = timestampFromDate(new Date(MONTH_START + Math.floor(next() * MONTH_MS)));
        const kind = n % 3;
        events.push({
          id: `replay-${n}`,
          tenantId,
          meterCode: ['r.gb', 'r.vcpu', 'r.users'][kind],
          quantity: kind === 1 ? String(Math.floor(next() * 8)) : (next() * 10).toFixed(3),
          timestamp: at,
          resourceId: kind === 1 ? `vm-${n % 7}` : `disk-${n % 11}`,
          properties: { user: `u${Math.floor(next() * 40)}` },
        });
      }
    }, 180_000);

    afterAll(async () => {
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    const bill = async () => {
      await operator.client('invoicing', InvoiceService).runBilling(OCTOBER);
      const invoices = operator.client('invoicing', InvoiceService);
      const all = (
        await Promise.all(sellers.map((s) => invoices.listInvoices({ sellerTenantId: s })))
      ).flatMap((r) => r.invoices);
      return all.map(content).sort((a, b) => (a.id < b.id ? -1 : 1));
    };

    test('bills the same invoices after the whole month arrives a second time', async () => {
      const usage = operator.client('metering', UsageService);
      for (let i = 0; i < events.length; i += 500) {
        const answer = await usage.recordUsage({ events: events.slice(i, i + 500) });
        expect(answer.rejected).toEqual([]);
      }
      const first = await bill();
      expect(first).toHaveLength(8);
      expect(first.every((i) => i.lines.length > 0)).toBe(true);

      // Backwards, in other batch sizes, half through the stream.
      const replay = [...events].reverse();
      const half = Math.floor(replay.length / 2);
      let duplicates = 0;
      for (let i = 0; i < half; i += 137) {
        const answer = await usage.recordUsage({
          events: replay.slice(i, Math.min(i + 137, half)),
        });
        expect(answer.accepted).toBe(0);
        duplicates += answer.duplicates;
      }
      async function* batches() {
        for (let i = half; i < replay.length; i += 333)
          yield { events: replay.slice(i, i + 333), batchId: String(i) };
      }
      for await (const ack of usage.streamUsage(batches())) {
        expect(ack.accepted).toBe(0);
        duplicates += ack.duplicates;
      }
      expect(duplicates).toBe(events.length);

      expect(await bill()).toEqual(first);
    }, 300_000);
  });
}
