import { Code } from '@connectrpc/connect';
import { MikroORM } from '@mikro-orm/core';
import { BillingAnchor, BillingRunStatus, InvoiceStatus, LineKind } from '@cascade/contracts';
import { BillingRunEntity } from '../persistence/billing-run.entity';
import { at, ids, month, outbox, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';

const JAN = month(2026, 1);
const FEB = month(2026, 2);

const lines = (invoice: { lines: { kind: LineKind; description: string; amount: string }[] }) =>
  invoice.lines.map((l) => [LineKind[l.kind], l.description, l.amount]);

async function invoiceOf(h: Harness, seller: string, buyer: string) {
  const { invoices } = await h.client.listInvoices({
    sellerTenantId: seller,
    buyerTenantId: buyer,
  });
  expect(invoices).toHaveLength(1);
  return invoices[0];
}

describeEachDatabase('RunBilling', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('bills one invoice per seller and buyer from one RateTree stream, fees in advance', async () => {
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

    const { invoiceIds, runId, run } = await runBilling(h, JAN);

    // One stream for the whole month, no edge rated on its own.
    expect(h.peers.treeCalls).toEqual([{ from: JAN.start, to: JAN.end }]);
    expect(h.peers.rateCalls).toEqual([]);
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
    expect(lines(pa)).toEqual(
      [
        [
          'SUBSCRIPTION_FEE',
          'Subscription fee, plan plan-' + t.p + ' v1, 2026-01-01 – 2026-02-01',
          '100.00',
        ],
        ['USAGE', expect.stringMatching(/^compute\.vcpu: 10 units/), '12.35'],
        [
          'SUBSCRIPTION_FEE',
          'Subscription fee (in advance), plan plan-' + t.p + ' v1, 2026-02-01 – 2026-03-01',
          '100.00',
        ],
      ].sort((x, y) => (x[0] === y[0] ? 0 : x[0] === 'SUBSCRIPTION_FEE' ? -1 : 1)),
    );
    expect(pa.lines.map((l) => l.preciseAmount)).toEqual(['100', '100', '12.345']);
    expect(pa.lines[2]).toMatchObject({ meterCode: 'compute.vcpu', quantity: '10' });
    expect([pa.currency, pa.subtotal, pa.tax, pa.total, pa.amountDue, pa.taxRate]).toEqual([
      'USD',
      '212.35',
      '0.00',
      '212.35',
      '212.35',
      '0',
    ]);

    const ac = byPair.get(`${t.a}>${t.c}`)!;
    expect(ac.currency).toBe('EUR');
    expect(ac.lines.map((l) => [l.kind, l.amount])).toEqual([[LineKind.USAGE, '0.00']]);

    // Ten days under a (no advance: m has left a by the end of January) …
    expect(lines(byPair.get(`${t.a}>${t.m}`)!)).toEqual([
      [
        'SUBSCRIPTION_FEE',
        `Subscription fee, plan plan-${t.a} v1, 2026-01-01 – 2026-01-11 (10/31 days)`,
        '10.00',
      ],
    ]);
    // … 21 under b, and February from b in advance.
    expect(byPair.get(`${t.b}>${t.m}`)!.lines.map((l) => l.amount)).toEqual(['42.00', '62.00']);
    expect(byPair.get(`${t.b}>${t.m}`)!.total).toBe('104.00');

    expect(runId).not.toBe('');
    expect(run).toMatchObject({
      id: runId,
      status: BillingRunStatus.SUCCEEDED,
      edgesSeen: 4,
      supersededBy: '',
    });
    expect(run!.invoicesBilled).toBeGreaterThanOrEqual(4);
    expect(await h.client.getBillingRun({ id: runId })).toEqual(run);
  });

  it('settles February against the fee January billed in advance', async () => {
    const h = harness();
    const t = ids('s', 'b');
    h.peers.edge(t.s, t.b, JAN.start, FEB.end, { billingModel: 'SUBSCRIPTION', fee: '10' });
    await runBilling(h, JAN);
    const jan = await invoiceOf(h, t.s, t.b);
    await h.client.finalizeInvoice({ id: jan.id });

    // Nothing changed: February bills only March, in advance.
    await runBilling(h, FEB);
    const feb = (await h.client.listInvoices({ buyerTenantId: t.b, periodStart: ts(FEB.start) }))
      .invoices[0];
    expect(lines(feb)).toEqual([
      [
        'SUBSCRIPTION_FEE',
        `Subscription fee (in advance), plan plan-${t.s} v1, 2026-03-01 – 2026-04-01`,
        '10.00',
      ],
    ]);

    // The fee went up to 20 for February: 10 unused back, 20 for February, March at 20.
    h.peers.plans.set(`${t.s}|${t.b}`, { billingModel: 'SUBSCRIPTION', fee: '20' });
    await runBilling(h, FEB);
    const changed = await h.client.getInvoice({ id: feb.id });
    expect(lines(changed)).toEqual([
      ['SUBSCRIPTION_FEE', `Unused time, plan plan-${t.s} v1, 2026-02-01 – 2026-03-01`, '-10.00'],
      ['SUBSCRIPTION_FEE', `Remaining time, plan plan-${t.s} v1, 2026-02-01 – 2026-03-01`, '20.00'],
      [
        'SUBSCRIPTION_FEE',
        `Subscription fee (in advance), plan plan-${t.s} v1, 2026-03-01 – 2026-04-01`,
        '20.00',
      ],
    ]);
    expect(changed.total).toBe('30.00');
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
    expect(fromA[0].lines.map((l) => l.amount)).toEqual(['9.00', '12.00', '31.00']);
    expect(fromA[0].total).toBe('52.00');
  });

  it('re-running replaces draft lines, keeps ids and never duplicates', async () => {
    const h = harness();
    const t = ids('p', 'a', 'c');
    const usage = [{ meterCode: 'compute.vcpu', quantity: '10', amount: '10' }];
    h.peers.edge(t.p, t.a, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '5', usage });
    h.peers.edge(t.a, t.c, JAN.start, JAN.end, { billingModel: 'PAYG', usage });

    const first = (await runBilling(h, JAN)).invoiceIds;
    const again = await runBilling(h, JAN);
    expect([...again.invoiceIds].sort()).toEqual([...first].sort());
    expect(again.run).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 0 });
    expect(again.run!.invoicesUnchanged).toBe(again.run!.invoicesBilled);
    expect((await outbox(h, t.p)).map((e) => e.type)).toEqual(['CREATED']); // unchanged: nothing written

    h.peers.plans.set(`${t.p}|${t.a}`, {
      billingModel: 'SUBSCRIPTION',
      fee: '5',
      usage: [...usage, { meterCode: 'storage.gb', quantity: '3', amount: '1.5' }],
    });
    const third = (await runBilling(h, JAN)).invoiceIds;
    expect([...third].sort()).toEqual([...first].sort());

    const invoice = await invoiceOf(h, t.p, t.a);
    expect(invoice.lines.map((l) => l.meterCode)).toEqual(['', '', 'compute.vcpu', 'storage.gb']);
    expect(invoice.total).toBe('21.50');
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
    const rerun = await runBilling(h, JAN);

    expect(rerun.invoiceIds).toContain(id);
    expect(rerun.run!.invoicesLocked).toBeGreaterThanOrEqual(1);
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
    const mine = new Set(invoices.map((i) => i.id));
    for (const run of runs)
      expect(run.invoiceIds.filter((id) => mine.has(id)).sort()).toEqual([...mine].sort());
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

  describe('a run that stops half way', () => {
    beforeAll(() => {
      process.env.INVOICING_RUN_CHUNK = '1';
    });
    afterAll(() => {
      delete process.env.INVOICING_RUN_CHUNK;
    });

    it('fails with its progress saved, and the next run of the month finishes it', async () => {
      const h = harness();
      const t = ids('s', 'b1', 'b2', 'b3');
      for (const buyer of [t.b1, t.b2, t.b3])
        h.peers.edge(t.s, buyer, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '3' });
      // Only this test's edges: the stream is every edge of every tree.
      h.peers.edges = h.peers.edges.filter((e) => e.seller === t.s);
      h.peers.failTreeAfter = 2;

      await expect(runBilling(h, JAN)).rejects.toMatchObject({ code: Code.Unavailable });
      const [failed] = (
        await h.client.listBillingRuns({ periodStart: ts(JAN.start), periodEnd: ts(JAN.end) })
      ).runs;
      expect(failed).toMatchObject({
        status: BillingRunStatus.FAILED,
        edgesSeen: 2,
        invoicesBilled: 1,
        invoicesCreated: 1,
        error: expect.stringContaining('rating went away'),
      });
      expect(failed.finishedAt).toBeDefined();
      expect((await h.client.listInvoices({ sellerTenantId: t.s })).invoices).toHaveLength(1);

      h.peers.failTreeAfter = undefined;
      const { run } = await runBilling(h, JAN);
      expect(run).toMatchObject({
        status: BillingRunStatus.SUCCEEDED,
        resumes: failed.id,
        edgesSeen: 3,
        invoicesCreated: 2,
        invoicesUnchanged: 1,
      });
      expect((await h.client.listInvoices({ sellerTenantId: t.s })).invoices).toHaveLength(3);
      expect(await h.client.getBillingRun({ id: failed.id })).toMatchObject({
        status: BillingRunStatus.FAILED,
        supersededBy: run!.id,
      });
    });
  });

  it('supersedes a run left RUNNING by a process that died', async () => {
    const h = harness();
    const t = ids('s', 'b');
    h.peers.edge(t.s, t.b, FEB.start, FEB.end, { billingModel: 'PAYG' });
    const em = h.app.get(MikroORM).em.fork();
    const long = new Date(Date.now() - 3_600_000);
    em.create(BillingRunEntity, {
      id: `dead-${t.s}`,
      periodStart: FEB.start,
      periodEnd: FEB.end,
      status: 'RUNNING',
      edgesSeen: 500,
      invoicesBilled: 500,
      invoicesCreated: 500,
      invoicesUpdated: 0,
      invoicesUnchanged: 0,
      invoicesLocked: 0,
      startedAt: long,
      finishedAt: null,
      progressAt: long,
      error: null,
      supersededBy: null,
      resumes: null,
      edgesTotal: 0,
      unpricedLines: 0,
      preview: 0,
      startedBy: 'operator',
    });
    await em.flush();

    const { run } = await runBilling(h, FEB);

    expect(run).toMatchObject({ status: BillingRunStatus.SUCCEEDED, resumes: `dead-${t.s}` });
    expect(await h.client.getBillingRun({ id: `dead-${t.s}` })).toMatchObject({
      status: BillingRunStatus.SUPERSEDED,
      supersededBy: run!.id,
      edgesSeen: 500,
    });
    expect((await h.client.getBillingRun({ id: `dead-${t.s}` })).finishedAt).toBeDefined();
  });

  it('bills an anniversary buyer for its period that ends in the month, from a RateTree stream of that period', async () => {
    const h = harness();
    const t = ids('s', 'y');
    h.peers.edge(t.s, t.y, at('2025-12-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), {
      billingModel: 'SUBSCRIPTION',
      fee: '31',
    });
    await h.client.setBillingSettings({
      buyerTenantId: t.y,
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: ts(at('2025-12-10T00:00:00Z')),
    });

    await runBilling(h, JAN);

    const invoice = await invoiceOf(h, t.s, t.y);
    expect([invoice.periodStart, invoice.periodEnd]).toEqual([
      ts(at('2025-12-10T00:00:00Z')),
      ts(at('2026-01-10T00:00:00Z')),
    ]);
    expect(lines(invoice)).toEqual([
      [
        'SUBSCRIPTION_FEE',
        `Subscription fee, plan plan-${t.s} v1, 2025-12-10 – 2026-01-10`,
        '31.00',
      ],
      [
        'SUBSCRIPTION_FEE',
        `Subscription fee (in advance), plan plan-${t.s} v1, 2026-01-10 – 2026-02-10`,
        '31.00',
      ],
    ]);
    expect(h.peers.treeCalls.filter((c) => c.buyers?.includes(t.y))).toEqual([
      { from: at('2025-12-10T00:00:00Z'), to: at('2026-01-10T00:00:00Z'), buyers: [t.y] },
    ]);
    expect(h.peers.rateCalls).toEqual([]);
    await expect(
      h.client.setBillingSettings({ buyerTenantId: t.y, anchor: BillingAnchor.CALENDAR }),
    ).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: `anchor: buyer "${t.y}" already has invoices; its billing anchor is fixed`,
    });
  });

  it('rates anniversary buyers through RateTree, one stream per distinct period, never edge by edge', async () => {
    const h = harness();
    const t = ids('s', 's2', 'y1', 'y2', 'y3', 'none');
    const [DEC10, DEC20] = [at('2025-12-10T00:00:00Z'), at('2025-12-20T00:00:00Z')];
    const fee31 = { billingModel: 'SUBSCRIPTION', fee: '31' } as const;
    h.peers.edge(t.s, t.y1, DEC10, FEB.end, {
      ...fee31,
      usage: [{ meterCode: 'compute.vcpu', quantity: '10', amount: '2.505' }],
    });
    h.peers.edge(t.s, t.y2, DEC10, FEB.end, fee31);
    h.peers.edge(t.s, t.none, DEC10, FEB.end); // no plan: nothing to bill
    // y3 moves from s to s2 on January 1st, inside its period December 20 – January 20.
    h.peers.edge(t.s, t.y3, DEC20, JAN.start, fee31);
    h.peers.edge(t.s2, t.y3, JAN.start, FEB.end, { billingModel: 'SUBSCRIPTION', fee: '62' });
    const anchors: [string, Date][] = [
      [t.y1, DEC10],
      [t.y2, DEC10],
      [t.none, DEC10],
      [t.y3, DEC20],
    ];
    for (const [buyer, anniversaryAt] of anchors)
      await h.client.setBillingSettings({
        buyerTenantId: buyer,
        anchor: BillingAnchor.ANNIVERSARY,
        anniversaryAt: ts(anniversaryAt),
      });

    await runBilling(h, JAN);

    expect(h.peers.rateCalls).toEqual([]);
    const mine = new Set(anchors.map(([buyer]) => buyer));
    const passes = h.peers.treeCalls
      .filter((c) => c.buyers?.some((b) => mine.has(b)))
      .map((c) => ({ ...c, buyers: c.buyers!.filter((b) => mine.has(b)).sort() }))
      .sort((a, b) => a.from.getTime() - b.from.getTime());
    expect(passes).toEqual([
      { from: DEC10, to: at('2026-01-10T00:00:00Z'), buyers: [t.none, t.y1, t.y2].sort() },
      { from: DEC20, to: at('2026-01-20T00:00:00Z'), buyers: [t.y3] },
    ]);
    const fee = (seller: string, range: string) =>
      `Subscription fee, plan plan-${seller} v1, ${range}`;
    const advance = (seller: string, range: string) =>
      `Subscription fee (in advance), plan plan-${seller} v1, ${range}`;
    expect(lines(await invoiceOf(h, t.s, t.y1))).toEqual([
      ['SUBSCRIPTION_FEE', fee(t.s, '2025-12-10 – 2026-01-10'), '31.00'],
      ['SUBSCRIPTION_FEE', advance(t.s, '2026-01-10 – 2026-02-10'), '31.00'],
      ['USAGE', expect.stringMatching(/^compute\.vcpu: 10 units/), '2.51'],
    ]);
    expect(lines(await invoiceOf(h, t.s, t.y2))).toEqual([
      ['SUBSCRIPTION_FEE', fee(t.s, '2025-12-10 – 2026-01-10'), '31.00'],
      ['SUBSCRIPTION_FEE', advance(t.s, '2026-01-10 – 2026-02-10'), '31.00'],
    ]);
    // 12 of the period's 31 days under s, 19 under s2.
    expect(lines(await invoiceOf(h, t.s, t.y3))).toEqual([
      ['SUBSCRIPTION_FEE', fee(t.s, '2025-12-20 – 2026-01-01 (12/31 days)'), '12.00'],
    ]);
    expect(lines(await invoiceOf(h, t.s2, t.y3))).toEqual([
      ['SUBSCRIPTION_FEE', fee(t.s2, '2026-01-01 – 2026-01-20 (19/31 days)'), '38.00'],
      ['SUBSCRIPTION_FEE', advance(t.s2, '2026-01-20 – 2026-02-20'), '62.00'],
    ]);
    expect(
      (await h.client.listInvoices({ sellerTenantId: t.s, buyerTenantId: t.none })).invoices,
    ).toEqual([]);
  });

  it('bills late usage of a finalized month on the next invoice, or on its own when the buyer left', async () => {
    const h = harness();
    const t = ids('s', 'stays', 'left');
    const usage = (quantity: string, amount: string) => [
      { meterCode: 'compute.vcpu', quantity, amount },
    ];
    const MAR = month(2026, 3);
    h.peers.edge(t.s, t.stays, JAN.start, MAR.end, {
      billingModel: 'PAYG',
      usage: usage('10', '5'),
    });
    h.peers.edge(t.s, t.left, JAN.start, FEB.start, {
      billingModel: 'PAYG',
      usage: usage('10', '5'),
    });
    await runBilling(h, JAN);
    for (const buyer of [t.stays, t.left])
      await h.client.finalizeInvoice({ id: (await invoiceOf(h, t.s, buyer)).id });

    // January's events arrive late: billing January again leaves its invoices as they are.
    h.peers.plans.set(`${t.s}|${t.stays}`, { billingModel: 'PAYG', usage: usage('12', '6') });
    h.peers.plans.set(`${t.s}|${t.left}`, { billingModel: 'PAYG', usage: usage('11', '5.5') });
    const rerun = await runBilling(h, JAN);
    expect(rerun.run).toMatchObject({ invoicesLocked: 2, invoicesCreated: 0, invoicesUpdated: 0 });

    const feb = await runBilling(h, FEB);
    const ofFeb = async (buyer: string) =>
      (
        await h.client.listInvoices({
          sellerTenantId: t.s,
          buyerTenantId: buyer,
          periodStart: ts(FEB.start),
        })
      ).invoices;
    const [stays] = await ofFeb(t.stays);
    expect(lines(stays)).toEqual([
      ['USAGE', expect.stringMatching(/^compute\.vcpu: 12 units/), '6.00'],
      ['ADJUSTMENT', 'Late usage for 2026-01-01 – 2026-02-01: compute.vcpu +2 units', '1.00'],
    ]);
    // The buyer that left gets an invoice of its late January alone.
    const [left] = await ofFeb(t.left);
    expect(lines(left)).toEqual([
      ['ADJUSTMENT', 'Late usage for 2026-01-01 – 2026-02-01: compute.vcpu +1 units', '0.50'],
    ]);
    expect([left.periodStart, left.total]).toEqual([ts(FEB.start), '0.50']);
    expect(feb.invoiceIds).toEqual(expect.arrayContaining([stays.id, left.id]));

    // Billed once: after February is finalized, March carries nothing of January.
    for (const invoice of [stays, left]) await h.client.finalizeInvoice({ id: invoice.id });
    await runBilling(h, MAR);
    const march = (await h.client.listInvoices({ sellerTenantId: t.s, periodStart: ts(MAR.start) }))
      .invoices;
    expect(march.map((i) => [i.buyerTenantId, lines(i).map((l) => l[0])])).toEqual([
      [t.stays, ['USAGE']],
    ]);
  });

  it('bills late usage of an anniversary period on its own once the buyer has no plan or left', async () => {
    const h = harness();
    const t = ids('s', 'unplanned', 'left');
    const DEC10 = at('2025-12-10T00:00:00Z');
    const usage = (quantity: string, amount: string) => [
      { meterCode: 'compute.vcpu', quantity, amount },
    ];
    h.peers.edge(t.s, t.unplanned, DEC10, FEB.end, {
      billingModel: 'PAYG',
      usage: usage('10', '5'),
    });
    h.peers.edge(t.s, t.left, DEC10, at('2026-01-10T00:00:00Z'), {
      billingModel: 'PAYG',
      usage: usage('10', '5'),
    });
    for (const buyer of [t.unplanned, t.left])
      await h.client.setBillingSettings({
        buyerTenantId: buyer,
        anchor: BillingAnchor.ANNIVERSARY,
        anniversaryAt: ts(DEC10),
      });
    await runBilling(h, JAN);
    for (const buyer of [t.unplanned, t.left])
      await h.client.finalizeInvoice({ id: (await invoiceOf(h, t.s, buyer)).id });

    // December 10 – January 10's events arrive late; then unplanned's plan ends.
    h.peers.plans.set(`${t.s}|${t.unplanned}`, { billingModel: 'PAYG', usage: usage('12', '6') });
    h.peers.plans.set(`${t.s}|${t.left}`, { billingModel: 'PAYG', usage: usage('11', '5.5') });
    expect((await runBilling(h, JAN)).run).toMatchObject({ invoicesLocked: 2 });
    h.peers.plans.delete(`${t.s}|${t.unplanned}`);
    await runBilling(h, FEB);

    const late = 'Late usage for 2025-12-10 – 2026-01-10: compute.vcpu';
    for (const [buyer, adjustment] of [
      [t.unplanned, [`${late} +2 units`, '1.00']],
      [t.left, [`${late} +1 units`, '0.50']],
    ]) {
      const { invoices } = await h.client.listInvoices({
        sellerTenantId: t.s,
        buyerTenantId: buyer as string,
        periodStart: ts(at('2026-01-10T00:00:00Z')),
      });
      expect(invoices.map((i) => [i.periodEnd, lines(i)])).toEqual([
        [ts(at('2026-02-10T00:00:00Z')), [['ADJUSTMENT', ...adjustment]]],
      ]);
    }
    expect(h.peers.rateCalls).toEqual([]);
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
    await expect(
      runBilling(h, { start: at('2026-01-05T00:00:00Z'), end: at('2026-02-05T00:00:00Z') }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        'period_start: a billing run covers one calendar month: the 1st at 00:00 UTC to the 1st of the next month',
    });
    await expect(h.client.getBillingRun({ id: 'nope' })).rejects.toMatchObject({
      code: Code.NotFound,
      rawMessage: 'billing run "nope" not found',
    });
  });
});
