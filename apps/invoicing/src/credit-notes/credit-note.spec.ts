import { Code } from '@connectrpc/connect';
import { InvoiceEvent, InvoiceEventType, LineKind } from '@cascade/contracts';
import { ids, month, runBilling } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';

const JAN = month(2026, 1);

async function finalizedInvoice(h: Harness, t: Record<string, string>) {
  h.peers.edge(t.s, t.b, JAN.start, JAN.end, {
    billingModel: 'PAYG',
    usage: [
      { meterCode: 'compute.vcpu', quantity: '100', amount: '30' },
      { meterCode: 'storage.gb', quantity: '10', amount: '15.05' },
    ],
  });
  h.peers.currencies.set(t.s, 'USD');
  h.peers.currencies.set(t.b, 'USD');
  await h.client.setBillingSettings({ buyerTenantId: t.b, taxRate: '0.1' });
  await runBilling(h, JAN);
  const [draft] = (await h.client.listInvoices({ buyerTenantId: t.b })).invoices;
  return { draft, finalized: () => h.client.finalizeInvoice({ id: draft.id }) };
}

describeEachDatabase('Credit notes', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('corrects a finalized invoice, which itself never changes', async () => {
    const h = harness();
    const t = ids('s', 'b');
    const { draft, finalized } = await finalizedInvoice(h, t);
    await expect(
      h.client.issueCreditNote({ invoiceId: draft.id, reason: 'outage' }),
    ).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: `invoice "${draft.id}" is DRAFT: only a FINALIZED or PAID invoice can be credited`,
    });
    const invoice = await finalized();
    expect([invoice.subtotal, invoice.tax, invoice.total]).toEqual(['45.05', '4.51', '49.56']);

    const partial = await h.client.issueCreditNote({
      invoiceId: invoice.id,
      reason: 'storage outage',
      lines: [{ invoiceLineNumber: 2, amount: '5.05', description: 'Two days of storage outage' }],
      idempotencyKey: 'outage-1',
    });
    expect(partial).toMatchObject({
      number: `CN-${t.s}-000001`,
      invoiceId: invoice.id,
      sellerTenantId: t.s,
      buyerTenantId: t.b,
      currency: 'USD',
      reason: 'storage outage',
      subtotal: '5.05',
      tax: '0.51',
      total: '5.56',
      creditedToBalance: false,
    });
    expect(
      partial.lines.map((l) => [
        l.invoiceLineNumber,
        LineKind[l.kind],
        l.meterCode,
        l.amount,
        l.description,
      ]),
    ).toEqual([[2, 'USAGE', 'storage.gb', '5.05', 'Two days of storage outage']]);
    // The same key is the same note, not a second one.
    const sameRequest = {
      invoiceId: invoice.id,
      reason: 'storage outage',
      lines: [{ invoiceLineNumber: 2, amount: '5.050', description: 'Two days of storage outage' }],
      idempotencyKey: 'outage-1',
    };
    expect(await h.client.issueCreditNote(sameRequest)).toEqual(partial);
    // The same key for other content is refused, as TopUpCredits refuses it.
    for (const other of [
      { lines: [{ invoiceLineNumber: 1, amount: '2.00' }] },
      { lines: [{ invoiceLineNumber: 2, amount: '5.00' }] },
      { reason: 'another outage' },
      { creditToBalance: true },
    ])
      await expect(h.client.issueCreditNote({ ...sameRequest, ...other })).rejects.toMatchObject({
        code: Code.FailedPrecondition,
        rawMessage: `idempotency_key: "outage-1" was used for credit note CN-${t.s}-000001 with other content (reason, lines or amounts)`,
      });
    expect((await h.client.listCreditNotes({ invoiceId: invoice.id })).creditNotes).toHaveLength(1);

    await expect(
      h.client.issueCreditNote({
        invoiceId: invoice.id,
        reason: 'more',
        lines: [{ invoiceLineNumber: 2, amount: '10.01' }],
      }),
    ).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: 'lines[0].amount: 10.01 is more than the 10.00 left to credit on line 2',
    });
    await expect(
      h.client.issueCreditNote({
        invoiceId: invoice.id,
        reason: 'x',
        lines: [{ invoiceLineNumber: 3 }],
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        'lines[0].invoice_line_number: line 3 is a TAX line; only fee, usage and adjustment lines can be credited',
    });
    await expect(
      h.client.issueCreditNote({
        invoiceId: invoice.id,
        reason: 'x',
        lines: [{ invoiceLineNumber: 1, amount: '1.001' }],
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'lines[0].amount: USD has 2 decimal places; got 1.001',
    });

    // The rest, to the buyer's prepaid credits: the notes add up to the invoice exactly.
    const rest = await h.client.issueCreditNote({
      invoiceId: invoice.id,
      reason: 'goodwill',
      creditToBalance: true,
    });
    expect([rest.number, rest.subtotal, rest.tax, rest.total, rest.creditedToBalance]).toEqual([
      `CN-${t.s}-000002`,
      '40.00',
      '4.00',
      '44.00',
      true,
    ]);
    expect(rest.lines.map((l) => [l.invoiceLineNumber, l.amount])).toEqual([
      [1, '30.00'],
      [2, '10.00'],
    ]);
    expect(
      await h.client.getCreditBalance({ sellerTenantId: t.s, buyerTenantId: t.b }),
    ).toMatchObject({
      currency: 'USD',
      balance: '44.00',
    });
    await expect(
      h.client.issueCreditNote({ invoiceId: invoice.id, reason: 'again' }),
    ).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      rawMessage: 'lines: the invoice has nothing left to credit',
    });

    expect(await h.client.getInvoice({ id: invoice.id })).toEqual(invoice);
    expect(
      (await h.client.listCreditNotes({ invoiceId: invoice.id })).creditNotes.map((n) => n.number),
    ).toEqual([`CN-${t.s}-000001`, `CN-${t.s}-000002`]);

    // Revenue and cost are as invoiced less the notes.
    const report = await h.client.getMarginReport({
      tenantId: t.s,
      periodStart: { seconds: BigInt(JAN.start.getTime() / 1000), nanos: 0 },
      periodEnd: { seconds: BigInt(JAN.end.getTime() / 1000), nanos: 0 },
    });
    expect([report.revenue, report.cost, report.margin]).toEqual(['0.00', '0.00', '0.00']);
  });

  it('announces each note on the invoice stream', async () => {
    const h = harness();
    const t = ids('s', 'b');
    const { finalized } = await finalizedInvoice(h, t);
    const invoice = await finalized();
    const note = await h.client.issueCreditNote({ invoiceId: invoice.id, reason: 'sorry' });
    const watching = new AbortController();
    const stream = h.client
      .watchInvoices({ afterSequence: 0n, sellerTenantId: t.s }, { signal: watching.signal })
      [Symbol.asyncIterator]();
    const seen: InvoiceEvent[] = [];
    while (seen.length < 3) {
      const next = await stream.next();
      if (next.done) break;
      seen.push(next.value);
    }
    watching.abort();
    await expect(stream.next()).rejects.toThrow();
    expect(seen.map((e) => e.type)).toEqual([
      InvoiceEventType.CREATED,
      InvoiceEventType.FINALIZED,
      InvoiceEventType.CREDIT_NOTE_ISSUED,
    ]);
    expect(seen[2].creditNote).toEqual(note);
    expect(seen[0].creditNote).toBeUndefined();
  });

  it('names what is missing or unknown', async () => {
    const h = harness();
    await expect(
      h.client.issueCreditNote({ invoiceId: 'nope', reason: 'x' }),
    ).rejects.toMatchObject({
      code: Code.NotFound,
      rawMessage: 'invoice "nope" not found',
    });
    await expect(h.client.issueCreditNote({ invoiceId: 'nope' })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'reason: is required',
    });
    await expect(
      h.client.issueCreditNote({
        invoiceId: ' ',
        lines: [
          { invoiceLineNumber: 1, amount: '1e3' },
          { invoiceLineNumber: 2, amount: '1' },
        ],
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        'invoice_id: is required; reason: is required; ' +
        'lines[0].amount: must be a decimal string such as "12.5", got "1e3"',
    });
    await expect(h.client.listCreditNotes({ invoiceId: 'nope' })).rejects.toMatchObject({
      code: Code.NotFound,
      rawMessage: 'invoice "nope" not found',
    });
  });
});
