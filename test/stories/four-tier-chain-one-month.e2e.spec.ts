// Story: a provider sells to a distributor, which sells to a reseller, which sells to
// two customers and runs machines of its own. One month (October 2026) is billed at
// every tier from one run; every amount is exact, taxes are the buyers' own, and the
// invariants hold: conservation, margins, totals, idempotent re-runs, gapless numbers.
// Runs on SQLite and on PostgreSQL.
import { BACKENDS } from '../support';
import {
  assign,
  expectInvariants,
  expectMarginIdentity,
  invoiceOf,
  Message,
  month,
  perUnit,
  plan,
  printed,
  runBilling,
  sumMeter,
  tenant,
  usage,
  useCascade,
} from './support';

const OCTOBER = month(2026, 10);
const VCPU = 'compute.vcpu.hours';
const GB = 'storage.gb.hours';

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`a 4-tier chain billed for one month on ${label}`, () => {
    const world = useCascade(database);
    const t: Record<string, Message> = {};

    beforeAll(async () => {
      const w = world();
      await sumMeter(w, VCPU);
      await sumMeter(w, GB);
      t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
      t.distributor = await tenant(w, t.provider, 'dist', 'DISTRIBUTOR');
      t.reseller = await tenant(w, t.distributor, 'blue', 'RESELLER');
      t.c1 = await tenant(w, t.reseller, 'c1', 'CUSTOMER');
      t.c2 = await tenant(w, t.reseller, 'c2', 'CUSTOMER');
      const wholesale = await plan(w, t.provider, {
        code: 'wholesale',
        model: 'PAYG',
        charges: [
          {
            meter_code: VCPU,
            model: 'CHARGE_MODEL_GRADUATED',
            tiers: [
              { up_to: '1000', unit_price: '0.010' },
              { up_to: '', unit_price: '0.008' },
            ],
          },
          perUnit(GB, '0.0001'),
        ],
      });
      const distribution = await plan(w, t.distributor, {
        code: 'distribution',
        model: 'SUBSCRIPTION',
        fee: '30.00',
        charges: [
          {
            meter_code: VCPU,
            model: 'CHARGE_MODEL_VOLUME',
            tiers: [
              { up_to: '500', unit_price: '0.015' },
              { up_to: '', unit_price: '0.012' },
            ],
          },
          { meter_code: GB, model: 'CHARGE_MODEL_PERCENTAGE_MARKUP', markup_percent: '20' },
        ],
      });
      const retail = await plan(w, t.reseller, {
        code: 'retail',
        model: 'SUBSCRIPTION',
        fee: '20.00',
        charges: [perUnit(VCPU, '0.02', { free_units: '10' }), perUnit(GB, '0.0002')],
      });
      await assign(w, t.distributor, wholesale, '2026-01-01T00:00:00Z');
      await assign(w, t.reseller, distribution, '2026-10-01T00:00:00Z');
      await assign(w, t.c1, retail, '2026-10-01T00:00:00Z');
      await assign(w, t.c2, retail, '2026-10-01T00:00:00Z');
      await w.api.invoices.SetBillingSettings({ buyer_tenant_id: t.c1.id, tax_rate: '0.2' });
      await usage(w, [
        [t.c1, VCPU, '250', '2026-10-03T10:00:00Z'],
        [t.c1, VCPU, '150', '2026-10-20T10:00:00Z'],
        [t.c1, GB, '10000', '2026-10-15T00:00:00Z'],
        [t.c2, VCPU, '300.5', '2026-10-31T23:59:59Z'],
        [t.c2, GB, '2500', '2026-10-01T00:00:00Z'],
        [t.reseller, VCPU, '100', '2026-10-12T00:00:00Z'],
        // November's: not October's to bill.
        [t.c1, VCPU, '999', '2026-11-01T00:00:00Z'],
      ]);
    });

    it('bills every tier of the month from one run', async () => {
      const w = world();
      const { run, invoice_ids } = await runBilling(w, OCTOBER);
      expect(run).toMatchObject({
        status: 'BILLING_RUN_STATUS_SUCCEEDED',
        edges_seen: 4,
        invoices_billed: 4,
        invoices_created: 4,
        invoices_written: 4,
      });
      expect(invoice_ids).toHaveLength(4);
      expect(await w.api.invoices.GetBillingRun({ id: run.id })).toEqual(run);
    });

    it('bills each customer its usage beyond the free units, fees in advance, tax on top', async () => {
      const w = world();
      const c1 = printed(await invoiceOf(w, t.reseller, t.c1, OCTOBER));
      expect(c1).toEqual({
        lines: [
          [
            'SUBSCRIPTION_FEE',
            expect.stringMatching(/^Subscription fee, plan .+ v1, 2026-10-01 – 2026-11-01$/),
            '',
            '',
            '20.00',
          ],
          [
            'SUBSCRIPTION_FEE',
            expect.stringMatching(
              /^Subscription fee \(in advance\), plan .+ v1, 2026-11-01 – 2026-12-01$/,
            ),
            '',
            '',
            '20.00',
          ],
          // 400 − 10 free = 390 × 0.02
          [
            'USAGE',
            expect.stringMatching(/^compute\.vcpu\.hours: 400 unit, plan /),
            VCPU,
            '400',
            '7.80',
          ],
          [
            'USAGE',
            expect.stringMatching(/^storage\.gb\.hours: 10000 unit, plan /),
            GB,
            '10000',
            '2.00',
          ],
          ['TAX', 'Tax 20 % on 49.80', '', '', '9.96'],
        ],
        subtotal: '49.80',
        tax: '9.96',
        total: '59.76',
        credits_applied: '0.00',
        amount_due: '59.76',
      });
      const c2 = printed(await invoiceOf(w, t.reseller, t.c2, OCTOBER));
      expect(c2.lines.map((l: string[]) => [l[0], l[3], l[4]])).toEqual([
        ['SUBSCRIPTION_FEE', '', '20.00'],
        ['SUBSCRIPTION_FEE', '', '20.00'],
        ['USAGE', '300.5', '5.81'], // 290.5 × 0.02
        ['USAGE', '2500', '0.50'],
      ]);
      expect([c2.tax, c2.total]).toEqual(['0.00', '46.31']);
    });

    it('bills the reseller its whole subtree at volume prices and a markup', async () => {
      const w = world();
      const reseller = printed(await invoiceOf(w, t.distributor, t.reseller, OCTOBER));
      expect(reseller.lines.map((l: string[]) => [l[0], l[2], l[3], l[4]])).toEqual([
        ['SUBSCRIPTION_FEE', '', '', '30.00'],
        ['SUBSCRIPTION_FEE', '', '', '30.00'],
        // 400 + 300.5 + its own 100 = 800.5, all in the second volume tier: × 0.012 = 9.606
        ['USAGE', VCPU, '800.5', '9.61'],
        // 12,500 at what the distributor pays (0.0001) + 20 % = 1.50
        ['USAGE', GB, '12500', '1.50'],
      ]);
      expect(reseller.total).toBe('71.11');
    });

    it('bills the distributor at graduated wholesale prices', async () => {
      const w = world();
      const distributor = printed(await invoiceOf(w, t.provider, t.distributor, OCTOBER));
      expect(distributor.lines.map((l: string[]) => [l[0], l[2], l[3], l[4]])).toEqual([
        ['USAGE', VCPU, '800.5', '8.01'], // 800.5 × 0.010 = 8.005, half-up
        ['USAGE', GB, '12500', '1.25'],
      ]);
      expect(distributor.total).toBe('9.26');
    });

    it('reports each middleman’s margin: revenue − cost, per meter and in total', async () => {
      const w = world();
      const reseller = await expectMarginIdentity(w, t.reseller.id, OCTOBER);
      expect(reseller).toMatchObject({
        currency: 'USD',
        revenue: '96.11',
        cost: '71.11',
        margin: '25.00',
      });
      expect(
        reseller.meters.map((m: Message) => [
          m.meter_code,
          m.revenue_quantity,
          m.cost_quantity,
          m.revenue,
          m.cost,
          m.margin,
        ]),
      ).toEqual([
        ['', '0', '0', '80.00', '60.00', '20.00'],
        [VCPU, '700.5', '800.5', '13.61', '9.61', '4.00'],
        [GB, '12500', '12500', '2.50', '1.50', '1.00'],
      ]);
      expect(reseller.buyers.map((b: Message) => [b.tenant_id, b.amount])).toEqual(
        [
          [t.c1.id, '49.80'],
          [t.c2.id, '46.31'],
        ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      );
      expect(reseller.sellers.map((s: Message) => [s.tenant_id, s.amount])).toEqual([
        [t.distributor.id, '71.11'],
      ]);
      const distributor = await expectMarginIdentity(w, t.distributor.id, OCTOBER);
      expect([distributor.revenue, distributor.cost, distributor.margin]).toEqual([
        '71.11',
        '9.26',
        '61.85',
      ]);
    });

    it('holds the invariants, and billing the month again changes nothing', async () => {
      await expectInvariants(world(), OCTOBER, Object.values(t), [t.distributor, t.reseller]);
    });

    it('finalizes with gapless numbers per seller, and a finalized invoice never changes', async () => {
      const w = world();
      const c1 = await invoiceOf(w, t.reseller, t.c1, OCTOBER);
      const c2 = await invoiceOf(w, t.reseller, t.c2, OCTOBER);
      const numbers = [];
      for (const invoice of [c2, c1])
        numbers.push((await w.api.invoices.FinalizeInvoice({ id: invoice.id })).number);
      expect(numbers).toEqual([`INV-${t.reseller.id}-000001`, `INV-${t.reseller.id}-000002`]);
      const finalized = await w.api.invoices.GetInvoice({ id: c1.id });
      await usage(w, [[t.c1, VCPU, '5', '2026-10-30T00:00:00Z']]);
      const { run } = await runBilling(w, OCTOBER);
      expect(run.invoices_locked).toBe(2);
      expect(await w.api.invoices.GetInvoice({ id: c1.id })).toEqual(finalized);
    });
  });
}
