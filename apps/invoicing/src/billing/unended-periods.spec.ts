import { Code } from '@connectrpc/connect';
import { MikroORM } from '@mikro-orm/core';
import { BillingRunStatus, InvoiceStatus } from '@cascade/contracts';
import { formatInstant } from '@cascade/invoicing-domain';
import { InvoiceEntity } from '../persistence/invoice.entity';
import { ids, month, outbox, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

const now = new Date();
/** The month in progress: it has not ended. */
const CURRENT = month(now.getUTCFullYear(), now.getUTCMonth() + 1);
const JAN = month(2026, 1);

describeEachDatabase('Periods that have not ended', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('refuses to bill a period not yet ended unless it is a preview, which is never finalized', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.edge(t.s, t.b, CURRENT.start, CURRENT.end, { billingModel: 'SUBSCRIPTION', fee: '9' });

    await expect(runBilling(h, CURRENT)).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: `period_end: the period has not ended (it ends ${formatInstant(CURRENT.end)}); set preview to bill it as a preview`,
    });
    const window = { periodStart: ts(CURRENT.start), periodEnd: ts(CURRENT.end) };
    expect((await h.client.listBillingRuns(window)).runs).toEqual([]);
    expect((await h.client.listInvoices({ buyerTenantId: t.b })).invoices).toEqual([]);

    const { run } = await h.client.runBilling({ ...window, preview: true });
    expect(run).toMatchObject({
      status: BillingRunStatus.SUCCEEDED,
      preview: true,
      startedBy: 'operator',
      edgesTotal: 1,
      invoicesCreated: 1,
    });
    const [draft] = (await h.client.listInvoices({ buyerTenantId: t.b })).invoices;
    expect(draft).toMatchObject({ status: InvoiceStatus.DRAFT, preview: true, amountDue: '18.00' });
    await expect(h.client.finalizeInvoice({ id: draft.id })).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: `invoice "${draft.id}" is a preview: a preview is never finalized; bill its period again once it has ended`,
    });
    // A draft of an unfinished period that is not a preview (billed before this rule).
    await h.app
      .get(MikroORM)
      .em.fork()
      .nativeUpdate(InvoiceEntity, { id: draft.id }, { preview: 0 });
    await expect(h.client.finalizeInvoice({ id: draft.id })).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: `invoice "${draft.id}": its period ends ${formatInstant(CURRENT.end)}; it can be finalized once the period has ended`,
    });
    expect((await h.client.getInvoice({ id: draft.id })).status).toBe(InvoiceStatus.DRAFT);

    await expect(h.client.runBilling({ ...runWindow(JAN), preview: true })).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: 'preview: the period ended 2026-02-01; bill it without preview',
    });
  });

  it('discards a draft, announced on the stream, and never a finalized invoice', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b', 'c'));
    h.peers.edge(t.s, t.b, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '4' });
    h.peers.edge(t.s, t.c, JAN.start, JAN.end, { billingModel: 'SUBSCRIPTION', fee: '4' });
    await runBilling(h, JAN);
    const byBuyer = new Map(
      (await h.client.listInvoices({ sellerTenantId: t.s })).invoices.map((i) => [
        i.buyerTenantId,
        i.id,
      ]),
    );
    const [draft, finalized] = [byBuyer.get(t.b)!, byBuyer.get(t.c)!];
    await h.client.finalizeInvoice({ id: finalized });

    const discarded = await h.client.discardDraftInvoice({ id: draft, reason: 'wrong plan' });
    expect(discarded.status).toBe(InvoiceStatus.DISCARDED);
    const row = await h.app.get(MikroORM).em.fork().findOneOrFail(InvoiceEntity, { id: draft });
    expect(row.voidReason).toBe('wrong plan');
    // Again: the same answer, no new event.
    expect(await h.client.discardDraftInvoice({ id: draft, reason: 'again' })).toEqual(discarded);
    expect((await outbox(h, t.s)).filter((e) => e.invoiceId === draft).map((e) => e.type)).toEqual([
      'CREATED',
      'DISCARDED',
    ]);
    expect(
      (await h.client.listInvoices({ sellerTenantId: t.s })).invoices.map((i) => i.id),
    ).toEqual([finalized]);
    await expect(
      h.client.discardDraftInvoice({ id: finalized, reason: 'no' }),
    ).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: `invoice "${finalized}" is FINALIZED: only a DRAFT invoice can be discarded`,
    });
    await expect(h.client.discardDraftInvoice({ id: draft, reason: ' ' })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'reason: is required',
    });

    // The key is free again: the next run bills it anew.
    const rerun = await runBilling(h, JAN);
    expect(rerun.run).toMatchObject({ invoicesCreated: 1, invoicesLocked: 1 });
  });
});

function runWindow(period: { start: Date; end: Date }) {
  return { periodStart: ts(period.start), periodEnd: ts(period.end) };
}
