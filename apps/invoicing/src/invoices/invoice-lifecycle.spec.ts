import { Code } from '@connectrpc/connect';
import { MikroORM } from '@mikro-orm/core';
import { InvoiceStatus } from '@cascade/contracts';
import { InvoiceEntity } from '../persistence/invoice.entity';
import { at, ids, month, outbox, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';

const JAN = month(2026, 1);
const FEB = month(2026, 2);

/** Drafts for `count` buyers of one seller; returns their ids in buyer order. */
async function drafts(h: Harness, seller: string, count: number, period = JAN): Promise<string[]> {
  const buyers = Array.from(
    { length: count },
    (_, i) => `${seller}-b${String(i).padStart(3, '0')}`,
  );
  for (const buyer of buyers)
    h.peers.edge(seller, buyer, period.start, period.end, {
      billingModel: 'SUBSCRIPTION',
      fee: '10',
    });
  await runBilling(h, period);
  const invoices = (await h.client.listInvoices({ sellerTenantId: seller })).invoices;
  const byBuyer = new Map(invoices.map((i) => [i.buyerTenantId, i.id]));
  return buyers.map((b) => byBuyer.get(b)!);
}

const sequenceOf = (number: string) => Number(number.split('-').pop());

describeEachDatabase('Invoice lifecycle', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('numbers finalized invoices 1..N in each seller’s own sequence', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s1', 's2'));
    const first = await drafts(h, t.s1, 3);
    const second = await drafts(h, t.s2, 2);

    const numbers = [];
    for (const id of [first[0], second[0], first[1], first[2], second[1]])
      numbers.push((await h.client.finalizeInvoice({ id })).number);

    expect(numbers).toEqual([
      `INV-${t.s1}-000001`,
      `INV-${t.s2}-000001`,
      `INV-${t.s1}-000002`,
      `INV-${t.s1}-000003`,
      `INV-${t.s2}-000002`,
    ]);
    const finalized = await h.client.getInvoice({ id: first[2] });
    expect(finalized.status).toBe(InvoiceStatus.FINALIZED);
  });

  it('hands out exactly 1..50 to 50 concurrent finalizes of one seller', async () => {
    const h = harness();
    const { s } = h.peers.tenants(ids('s'));
    const invoiceIds = await drafts(h, s, 50);

    const results = await Promise.all(invoiceIds.map((id) => h.client.finalizeInvoice({ id })));

    expect(results.map((r) => sequenceOf(r.number)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const stored = (await h.client.listInvoices({ sellerTenantId: s })).invoices;
    expect(new Set(stored.map((i) => i.number)).size).toBe(50);
  });

  it('gives one number when the same invoice is finalized concurrently', async () => {
    const h = harness();
    const { s } = h.peers.tenants(ids('s'));
    const [id, next] = await drafts(h, s, 2);

    const results = await Promise.all([1, 2, 3, 4].map(() => h.client.finalizeInvoice({ id })));

    expect(new Set(results.map((r) => r.number))).toEqual(new Set([`INV-${s}-000001`]));
    expect((await h.client.finalizeInvoice({ id: next })).number).toBe(`INV-${s}-000002`);
    expect((await outbox(h, s)).filter((e) => e.type === 'FINALIZED')).toHaveLength(2);
  });

  it('moves FINALIZED to PAID or VOID and refuses everything else with FAILED_PRECONDITION', async () => {
    const h = harness();
    const { s } = h.peers.tenants(ids('s'));
    const [draft, toPay, toVoid] = await drafts(h, s, 3);
    const refused = (promise: Promise<unknown>, rawMessage: string) =>
      expect(promise).rejects.toMatchObject({ code: Code.FailedPrecondition, rawMessage });

    await refused(
      h.client.markInvoicePaid({ id: draft }),
      `invoice "${draft}" is DRAFT: only a FINALIZED invoice can be marked paid`,
    );
    await refused(
      h.client.voidInvoice({ id: draft, reason: 'typo' }),
      `invoice "${draft}" is DRAFT: only a FINALIZED invoice can be voided`,
    );

    const finalized = await h.client.finalizeInvoice({ id: toPay });
    // Finalizing again is idempotent: same invoice, same number, no new event.
    expect(await h.client.finalizeInvoice({ id: toPay })).toEqual(finalized);
    const paid = await h.client.markInvoicePaid({ id: toPay });
    expect(paid).toMatchObject({ status: InvoiceStatus.PAID, number: finalized.number });
    await refused(
      h.client.finalizeInvoice({ id: toPay }),
      `invoice "${toPay}" is PAID: only a DRAFT invoice can be finalized`,
    );
    // Marking paid again is idempotent like finalizing again: the same invoice back.
    expect(await h.client.markInvoicePaid({ id: toPay })).toEqual(paid);
    await refused(
      h.client.voidInvoice({ id: toPay, reason: 'late' }),
      `invoice "${toPay}" is PAID: only a FINALIZED invoice can be voided`,
    );

    await h.client.finalizeInvoice({ id: toVoid });
    await expect(h.client.voidInvoice({ id: toVoid, reason: '  ' })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'reason: is required',
    });
    const voided = await h.client.voidInvoice({ id: toVoid, reason: 'billed to the wrong buyer' });
    expect(voided.status).toBe(InvoiceStatus.VOID);
    const row = await h.app.get(MikroORM).em.fork().findOneOrFail(InvoiceEntity, { id: toVoid });
    expect(row.voidReason).toBe('billed to the wrong buyer');
    // Voiding again returns the voided invoice as it is, first reason kept.
    expect(await h.client.voidInvoice({ id: toVoid, reason: 'another reason' })).toEqual(voided);
    await refused(
      h.client.markInvoicePaid({ id: toVoid }),
      `invoice "${toVoid}" is VOID: only a FINALIZED invoice can be marked paid`,
    );
    await refused(
      h.client.finalizeInvoice({ id: toVoid }),
      `invoice "${toVoid}" is VOID: only a DRAFT invoice can be finalized`,
    );

    for (const call of [
      () => h.client.getInvoice({ id: 'nope' }),
      () => h.client.finalizeInvoice({ id: 'nope' }),
      () => h.client.markInvoicePaid({ id: 'nope' }),
      () => h.client.voidInvoice({ id: 'nope', reason: 'x' }),
    ])
      await expect(call()).rejects.toMatchObject({
        code: Code.NotFound,
        rawMessage: 'invoice "nope" not found',
      });
  });

  it('appends every change to the outbox, in order, with increasing sequences', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.edge(t.s, t.b, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '10' });
    const [id] = (await runBilling(h, JAN)).invoiceIds;
    h.peers.plans.set(`${t.s}|${t.b}`, { billingModel: 'SUBSCRIPTION', fee: '11' });
    await runBilling(h, JAN);
    await h.client.finalizeInvoice({ id });
    await h.client.markInvoicePaid({ id });

    const events = await outbox(h, t.s);
    expect(events.map((e) => [e.type, e.invoiceId, e.sellerTenantId])).toEqual(
      ['CREATED', 'UPDATED', 'FINALIZED', 'PAID'].map((type) => [type, id, t.s]),
    );
    const all = (await outbox(h)).map((e) => BigInt(e.sequence));
    all.forEach((sequence, i) => i > 0 && expect(sequence > all[i - 1]).toBe(true));
  });

  it('lists by seller or buyer, optionally within a period', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b', 'c'));
    for (const period of [JAN, FEB]) {
      h.peers.reset();
      h.peers.edge(t.s, t.b, period.start, period.end, { billingModel: 'PAYG' });
      h.peers.edge(t.b, t.c, period.start, period.end, { billingModel: 'PAYG' });
      await runBilling(h, period);
    }
    const list = async (req: Parameters<Harness['client']['listInvoices']>[0]) =>
      (await h.client.listInvoices(req)).invoices.map(
        (i) => `${i.sellerTenantId === t.s ? 's' : 'b'}>${i.periodStart?.seconds}`,
      );
    const jan = `${ts(JAN.start).seconds}`;
    const feb = `${ts(FEB.start).seconds}`;

    expect(await list({ sellerTenantId: t.s })).toEqual([`s>${jan}`, `s>${feb}`]);
    expect(await list({ buyerTenantId: t.b })).toEqual([`s>${jan}`, `s>${feb}`]);
    expect(await list({ sellerTenantId: t.b, periodStart: ts(FEB.start) })).toEqual([`b>${feb}`]);
    expect(await list({ buyerTenantId: t.c, periodEnd: ts(FEB.start) })).toEqual([`b>${jan}`]);
    expect(
      await list({
        sellerTenantId: t.s,
        periodStart: ts(at('2026-01-02')),
        periodEnd: ts(FEB.end),
      }),
    ).toEqual([`s>${feb}`]);
    // Naming neither party is every invoice (the operator's call): these four among them.
    const everyone = await h.client.listInvoices({ periodStart: ts(JAN.start), pageSize: 1000 });
    expect(
      everyone.invoices
        .filter((i) => [t.s, t.b].includes(i.sellerTenantId))
        .map((i) => `${i.sellerTenantId === t.s ? 's' : 'b'}>${i.periodStart?.seconds}`)
        .sort(),
    ).toEqual([`b>${feb}`, `b>${jan}`, `s>${feb}`, `s>${jan}`].sort());
  });
});
