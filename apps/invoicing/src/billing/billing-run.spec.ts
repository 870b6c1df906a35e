import { Code } from '@connectrpc/connect';
import { MikroORM } from '@mikro-orm/core';
import { InvoiceStatus, LineKind } from '@cascade/contracts';
import { at, ids, month, outbox, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

const JAN = month(2026, 1);

describeEachDatabase('RunBilling', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('bills one invoice per seller and buyer over the run period, none without a plan', async () => {
    const h = harness();
    const t = ids('p', 'a', 'b', 'c', 'm');
    h.peers.edge(t.p, t.a, JAN.start, JAN.end, {
      billingModel: 'SUBSCRIPTION',
      fee: '100',
      usage: [{ meterCode: 'compute.vcpu', quantity: '10', amount: '12.345' }],
    });
    h.peers.edge(t.p, t.b, JAN.start, JAN.end); // no plan assigned
    h.peers.edge(t.a, t.c, JAN.start, JAN.end, {
      billingModel: 'PAYG',
      fee: '999', // PAYG spans bill no fee, whatever rating says
      currency: '', // rating did not say: the seller's own currency applies
      usage: [{ meterCode: 'storage.gb', quantity: '0.5', amount: '0.004' }],
    });
    h.peers.currencies.set(t.a, 'EUR');
    // m moves from a to b on January 11th: one invoice from each seller, fees prorated.
    h.peers.edge(t.a, t.m, JAN.start, at('2026-01-11T00:00:00Z'), {
      billingModel: 'SUBSCRIPTION',
      fee: '31',
    });
    h.peers.edge(t.b, t.m, at('2026-01-11T00:00:00Z'), JAN.end, {
      billingModel: 'SUBSCRIPTION',
      fee: '62',
    });

    const { invoiceIds } = await runBilling(h, JAN);

    const mine = (await Promise.all(invoiceIds.map((id) => h.client.getInvoice({ id })))).filter(
      (i) => Object.values(t).includes(i.buyerTenantId),
    );
    const byPair = new Map(mine.map((i) => [`${i.sellerTenantId}>${i.buyerTenantId}`, i]));
    expect([...byPair.keys()].sort()).toEqual(
      [`${t.p}>${t.a}`, `${t.a}>${t.c}`, `${t.a}>${t.m}`, `${t.b}>${t.m}`].sort(),
    );
    for (const invoice of mine) {
      expect(invoice.status).toBe(InvoiceStatus.DRAFT);
      expect(invoice.number).toBe('');
      expect(invoice.periodStart).toEqual(ts(JAN.start));
      expect(invoice.periodEnd).toEqual(ts(JAN.end));
    }

    const pa = byPair.get(`${t.p}>${t.a}`)!;
    expect(pa.lines.map((l) => [l.kind, l.amount, l.preciseAmount])).toEqual([
      [LineKind.SUBSCRIPTION_FEE, '100.00', '100'],
      [LineKind.USAGE, '12.35', '12.345'],
    ]);
    expect(pa.lines[1]).toMatchObject({ meterCode: 'compute.vcpu', quantity: '10' });
    expect(pa.lines[1].tiers).toEqual([
      {
        $typeName: 'cascade.common.v1.TierUsage',
        units: '10',
        unitPrice: '0',
        amount: '12.345',
        flatFee: '',
        upTo: '',
      },
    ]);
    expect([pa.currency, pa.subtotal, pa.tax, pa.total, pa.amountDue]).toEqual([
      'USD',
      '112.35',
      '0.00',
      '112.35',
      '112.35',
    ]);

    const ac = byPair.get(`${t.a}>${t.c}`)!;
    expect(ac.currency).toBe('EUR');
    expect(ac.lines.map((l) => [l.kind, l.amount])).toEqual([[LineKind.USAGE, '0.00']]);
    expect(ac.total).toBe('0.00');

    expect(byPair.get(`${t.a}>${t.m}`)!.total).toBe('10.00'); // 10/31 of 31
    expect(byPair.get(`${t.b}>${t.m}`)!.total).toBe('42.00'); // 21/31 of 62
    // Rating was asked about each edge's own part of the month, with its seller.
    expect(h.peers.rateCalls.filter((c) => c.buyer === t.m)).toEqual([
      { seller: t.a, buyer: t.m, from: JAN.start, to: at('2026-01-11T00:00:00Z') },
      { seller: t.b, buyer: t.m, from: at('2026-01-11T00:00:00Z'), to: JAN.end },
    ]);
  });

  it('gives a buyer that left and came back one invoice from its seller', async () => {
    const h = harness();
    const t = ids('a', 'b', 'x');
    const plan = { billingModel: 'SUBSCRIPTION' as const, fee: '31' };
    h.peers.edge(t.a, t.x, JAN.start, at('2026-01-10T00:00:00Z'), plan);
    h.peers.edge(t.b, t.x, at('2026-01-10T00:00:00Z'), at('2026-01-20T00:00:00Z'), plan);
    h.peers.edge(t.a, t.x, at('2026-01-20T00:00:00Z'), JAN.end, plan);

    await runBilling(h, JAN);

    const fromA = (await h.client.listInvoices({ sellerTenantId: t.a })).invoices;
    expect(fromA).toHaveLength(1);
    expect(fromA[0].lines.map((l) => l.amount)).toEqual(['9.00', '12.00']);
    expect(fromA[0].total).toBe('21.00');
  });

  it('re-running replaces draft lines, keeps ids and never duplicates', async () => {
    const h = harness();
    const t = ids('p', 'a', 'c');
    const usage = [{ meterCode: 'compute.vcpu', quantity: '10', amount: '10' }];
    h.peers.edge(t.p, t.a, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '5', usage });
    h.peers.edge(t.a, t.c, JAN.start, JAN.end, { billingModel: 'PAYG', usage });

    const first = (await runBilling(h, JAN)).invoiceIds;
    const again = (await runBilling(h, JAN)).invoiceIds;
    expect(again.sort()).toEqual(first.sort());
    expect((await outbox(h, t.p)).map((e) => e.type)).toEqual(['CREATED']); // unchanged: nothing written

    h.peers.plans.set(`${t.p}|${t.a}`, {
      billingModel: 'SUBSCRIPTION',
      fee: '5',
      usage: [...usage, { meterCode: 'storage.gb', quantity: '3', amount: '1.5' }],
    });
    const third = (await runBilling(h, JAN)).invoiceIds;
    expect(third.sort()).toEqual(first.sort());

    const [invoice] = (await h.client.listInvoices({ buyerTenantId: t.a })).invoices;
    expect(invoice.lines.map((l) => l.meterCode)).toEqual(['', 'compute.vcpu', 'storage.gb']);
    expect(invoice.total).toBe('16.50');
    expect((await outbox(h, t.p)).map((e) => e.type)).toEqual(['CREATED', 'UPDATED']);
    expect((await h.client.listInvoices({ sellerTenantId: t.a })).invoices).toHaveLength(1);
  });

  it('never touches a finalized invoice when the period is billed again', async () => {
    const h = harness();
    const t = ids('p', 'a');
    h.peers.edge(t.p, t.a, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '20' });
    const [id] = (await runBilling(h, JAN)).invoiceIds.filter(Boolean);
    const finalized = await h.client.finalizeInvoice({ id });

    h.peers.plans.set(`${t.p}|${t.a}`, { billingModel: 'SUBSCRIPTION', fee: '25' });
    const rerun = (await runBilling(h, JAN)).invoiceIds;

    expect(rerun).toContain(id);
    expect(await h.client.getInvoice({ id })).toEqual(finalized);
    expect((await outbox(h, t.p)).map((e) => e.type)).toEqual(['CREATED', 'FINALIZED']);
  });

  it('creates no duplicates when runs race, and the database refuses one', async () => {
    const h = harness();
    const t = ids('p', 'a', 'b', 'c');
    for (const buyer of [t.a, t.b, t.c])
      h.peers.edge(t.p, buyer, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '1' });

    const runs = await Promise.all([1, 2, 3].map(() => runBilling(h, JAN)));

    const invoices = (await h.client.listInvoices({ sellerTenantId: t.p })).invoices;
    expect(invoices).toHaveLength(3);
    for (const run of runs) expect(run.invoiceIds.sort()).toEqual(invoices.map((i) => i.id).sort());
    expect((await outbox(h, t.p)).filter((e) => e.type === 'CREATED')).toHaveLength(3);

    // The unique key is the last guard, whatever the code above it does.
    const em = h.app.get(MikroORM).em.fork();
    await expect(
      em.getConnection().execute(
        `insert into invoice (id, number, seller_tenant_id, buyer_tenant_id, period_start, period_end, currency, status,
             subtotal, tax_rate, tax, total, credits_applied, amount_due, content_digest, void_reason, created_at, updated_at, finalized_at)
           select 'dup-${t.a}', number, seller_tenant_id, buyer_tenant_id, period_start, period_end, currency, status,
             subtotal, tax_rate, tax, total, credits_applied, amount_due, content_digest, void_reason, created_at, updated_at, finalized_at
           from invoice where id = ?`,
        [invoices[0].id],
      ),
      // better-sqlite3's errors come from another realm: match the message, not the class.
    ).rejects.toMatchObject({ message: expect.stringMatching(/unique/i) });
  });

  it('names the field of an invalid period', async () => {
    const h = harness();
    await expect(runBilling(h, { start: JAN.end, end: JAN.start })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'period_end: must be after period_start',
    });
    await expect(runBilling(h, { start: JAN.start, end: JAN.start })).rejects.toMatchObject({
      code: Code.InvalidArgument,
    });
    await expect(h.client.runBilling({ periodEnd: ts(JAN.end) })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'period_start: is required',
    });
  });
});
