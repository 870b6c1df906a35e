import { LineKind } from '@cascade/contracts';
import { MikroORM } from '@mikro-orm/core';
import { ids, month, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';

const JAN = month(2026, 1);
const FEB = month(2026, 2);

async function invoiceOf(h: Harness, buyer: string, period: { start: Date }) {
  const { invoices } = await h.client.listInvoices({ buyerTenantId: buyer });
  return invoices.find((i) => i.periodStart?.seconds === BigInt(period.start.getTime() / 1000))!;
}

describeEachDatabase('A negative amount due', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('becomes prepaid credits for the buyer, not a negative bill', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.edge(t.s, t.b, JAN.start, month(2026, 3).end, {
      billingModel: 'SUBSCRIPTION',
      fee: '30',
    });
    await runBilling(h, JAN);
    await h.client.finalizeInvoice({ id: (await invoiceOf(h, t.b, JAN)).id });
    // Cancelled from February 1st, after January billed February's fee in advance.
    await h.client.cancelSubscription({
      sellerTenantId: t.s,
      buyerTenantId: t.b,
      effectiveAt: ts(FEB.start),
    });
    await runBilling(h, FEB);

    const draft = await invoiceOf(h, t.b, FEB);
    expect(draft.lines.map((l) => [l.kind, l.amount])).toEqual([
      [LineKind.SUBSCRIPTION_FEE, '-30.00'],
      [LineKind.CREDIT, '30.00'],
    ]);
    expect(draft.lines[1].description).toBe("Credited to the buyer's prepaid balance");
    expect(draft).toMatchObject({
      total: '-30.00',
      creditsApplied: '0.00',
      amountDue: '0.00',
      creditedToBalance: '30.00',
    });
    // Nothing moves while it is a draft.
    expect(
      (await h.client.getCreditBalance({ sellerTenantId: t.s, buyerTenantId: t.b })).balance,
    ).toBe('0');

    const finalized = await h.client.finalizeInvoice({ id: draft.id });
    expect(finalized).toMatchObject({ amountDue: '0.00', creditedToBalance: '30.00' });
    expect(finalized.lines).toEqual(draft.lines);
    expect(
      await h.client.getCreditBalance({ sellerTenantId: t.s, buyerTenantId: t.b }),
    ).toMatchObject({ currency: 'USD', balance: '30.00' });
    // Once, however often the finalize is retried.
    await h.client.finalizeInvoice({ id: draft.id });
    const entries = (await h.app
      .get(MikroORM)
      .em.fork()
      .getConnection()
      .execute(
        'select kind, cast(amount_minor as text) as amount_minor, invoice_id from credit_entry where buyer_tenant_id = ?',
        [t.b],
      )) as { kind: string; amount_minor: string; invoice_id: string }[];
    expect(entries).toEqual([
      { kind: 'INVOICE_CREDIT', amount_minor: '3000', invoice_id: draft.id },
    ]);
  });
});
