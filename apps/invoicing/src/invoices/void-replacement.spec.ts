import { InvoiceStatus, LineKind } from '@cascade/contracts';
import { ids, month, outbox, runBilling } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';

const JAN = month(2026, 1);
const FEB = month(2026, 2);

function payg(quantity: string, amount: string) {
  return {
    billingModel: 'PAYG' as const,
    usage: [{ meterCode: 'compute.vcpu', quantity, amount }],
  };
}

async function invoicesOf(h: Harness, buyer: string, period = JAN) {
  const { invoices } = await h.client.listInvoices({ buyerTenantId: buyer });
  return invoices.filter((i) => i.periodStart?.seconds === BigInt(period.start.getTime() / 1000));
}

describeEachDatabase('A voided invoice is replaceable', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('bills the period again with a new draft and number, and late usage reaches the buyer', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.edge(t.s, t.b, JAN.start, FEB.end, payg('10', '5'));
    await runBilling(h, JAN);
    const [first] = await invoicesOf(h, t.b);
    const finalized = await h.client.finalizeInvoice({ id: first.id });
    expect(finalized.number).toBe(`INV-${t.s}-000001`);
    await h.client.voidInvoice({ id: first.id, reason: 'billed the wrong rate' });

    // A late event for January arrives after the void: re-running January bills it.
    h.peers.plans.set(`${t.s}|${t.b}`, payg('12', '6'));
    const rerun = await runBilling(h, JAN);
    expect(rerun.run).toMatchObject({ invoicesCreated: 1, invoicesLocked: 0 });
    const january = (await invoicesOf(h, t.b)).sort((a, b) => a.status - b.status);
    expect(january.map((i) => [i.status, i.amountDue, i.replacesInvoiceId])).toEqual([
      [InvoiceStatus.DRAFT, '6.00', first.id],
      [InvoiceStatus.VOID, '5.00', ''],
    ]);
    const replacement = january[0];
    expect((await h.client.finalizeInvoice({ id: replacement.id })).number).toBe(
      `INV-${t.s}-000002`,
    );
    // Re-running again keeps both as they are.
    expect((await runBilling(h, JAN)).run).toMatchObject({
      invoicesCreated: 0,
      invoicesLocked: 1,
    });

    // Late usage after the replacement is final is an adjustment on the next invoice.
    h.peers.plans.set(`${t.s}|${t.b}`, payg('13', '6.5'));
    await runBilling(h, JAN);
    h.peers.plans.set(`${t.s}|${t.b}`, payg('1', '0.5'));
    await runBilling(h, FEB);
    const [february] = await invoicesOf(h, t.b, FEB);
    expect(february.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      [LineKind.USAGE, '1', '0.50'],
      [LineKind.ADJUSTMENT, '1', '0.50'],
    ]);
    expect(february.amountDue).toBe('1.00');
    const events = (await outbox(h, t.s)).filter((e) => e.invoiceId === replacement.id);
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'FINALIZED']);
  });
});
