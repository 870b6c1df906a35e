import { Code } from '@connectrpc/connect';
import { InvoiceEvent, InvoiceEventType, InvoiceStatus } from '@cascade/contracts';
import { InvoiceRepository } from '../persistence/invoice.repository';
import { ids, month, outbox, runBilling } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

const MAR = month(2026, 3);

async function next(events: AsyncIterator<InvoiceEvent>, ms = 5000): Promise<InvoiceEvent> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([events.next(), timeout]);
    if (result.done) throw new Error('the stream ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('WatchInvoices', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('replays after a sequence with invoices as they are now, then follows live', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'other', 'b1', 'b2', 'x'));
    const plan = { billingModel: 'SUBSCRIPTION' as const, fee: '10' };
    h.peers.edge(t.s, t.b1, MAR.start, MAR.end, plan);
    h.peers.edge(t.s, t.b2, MAR.start, MAR.end, plan);
    h.peers.edge(t.other, t.x, MAR.start, MAR.end, plan);
    await runBilling(h, MAR);
    const invoices = (await h.client.listInvoices({ sellerTenantId: t.s })).invoices;
    const byBuyer = new Map(invoices.map((i) => [i.buyerTenantId, i.id]));
    const [b1, b2] = [byBuyer.get(t.b1)!, byBuyer.get(t.b2)!];
    await h.client.finalizeInvoice({ id: b1 });
    const stored = await outbox(h, t.s);
    expect(stored).toHaveLength(3);

    const watching = new AbortController();
    const stream = h.client
      .watchInvoices(
        { afterSequence: BigInt(stored[0].sequence), sellerTenantId: t.s },
        { signal: watching.signal },
      )
      [Symbol.asyncIterator]();

    const replayed = [await next(stream), await next(stream)];
    expect(replayed.map((e) => e.sequence)).toEqual(stored.slice(1).map((e) => BigInt(e.sequence)));
    expect(replayed[1].type).toBe(InvoiceEventType.FINALIZED);
    for (const event of replayed) {
      const now = event.invoice!.id === b1 ? InvoiceStatus.FINALIZED : InvoiceStatus.DRAFT;
      expect(event.invoice!.status).toBe(now);
    }

    // Another seller's change is not this watcher's business; this seller's is.
    const otherInvoice = (await h.client.listInvoices({ sellerTenantId: t.other })).invoices[0];
    await h.client.finalizeInvoice({ id: otherInvoice.id });
    const finalized = await h.client.finalizeInvoice({ id: b2 });
    const live = await next(stream);
    expect(live.sequence > replayed[1].sequence).toBe(true);
    expect(live.type).toBe(InvoiceEventType.FINALIZED);
    expect(live.invoice).toEqual(finalized);

    // The client goes away: the server stops polling.
    const polls = jest.spyOn(h.app.get(InvoiceRepository), 'eventsAfter');
    watching.abort();
    await expect(stream.next()).rejects.toThrow();
    await sleep(400);
    const settled = polls.mock.calls.length;
    await sleep(800);
    expect(polls.mock.calls.length).toBe(settled);
    polls.mockRestore();
  });

  it('replays the whole outbox from sequence 0 in order, for every seller', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.edge(t.s, t.b, MAR.start, MAR.end, { billingModel: 'PAYG' });
    await runBilling(h, MAR);
    const stored = await outbox(h);

    const watching = new AbortController();
    const stream = h.client
      .watchInvoices({ afterSequence: 0n }, { signal: watching.signal })
      [Symbol.asyncIterator]();
    const received = [];
    for (let i = 0; i < stored.length; i += 1) received.push(await next(stream));
    watching.abort();
    // Reading once more lets the client settle the cancelled call (and clear its deadline).
    await expect(stream.next()).rejects.toThrow();

    expect(received.map((e) => [e.sequence, e.invoice?.id])).toEqual(
      stored.map((e) => [BigInt(e.sequence), e.invoiceId]),
    );
  });

  it('refuses a cursor past the largest sequence the outbox can hold', async () => {
    // uint64 on the wire, a signed 64-bit column in the database (PostgreSQL's bigint).
    const stream = harness()
      .client.watchInvoices({ afterSequence: 2n ** 63n })
      [Symbol.asyncIterator]();
    await expect(stream.next()).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'after_sequence: must be at most 9223372036854775807',
    });
  });
});
