// Story: a pay-as-you-go customer prepays 25.00 of credits with its seller. January's
// 10.00 is paid from credits entirely, February's 20.00 takes the last 15.00 and
// leaves 5.00 due, March has none left. Credits are drawn first, shown as a line, and
// when two invoices finalize at once against too little credit, only one gets it: the
// balance never goes below zero.
import {
  assign,
  expectInvariants,
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

const VCPU = 'compute.vcpu.hours';
const [JAN, FEB, MAR, APR, MAY] = [1, 2, 3, 4, 5].map((m) => month(2026, m));

describe('pay as you go with prepaid credits running out', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};
  const balance = async () =>
    (
      await world().api.invoices.GetCreditBalance({
        seller_tenant_id: t.provider.id,
        buyer_tenant_id: t.customer.id,
      })
    ).balance;

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
    t.customer = await tenant(w, t.provider, 'cust', 'CUSTOMER');
    const payg = await plan(w, t.provider, {
      code: 'payg',
      model: 'PAYG',
      charges: [perUnit(VCPU, '0.10')],
    });
    await assign(w, t.customer, payg, '2026-01-01T00:00:00Z');
    await usage(w, [
      [t.customer, VCPU, '100', '2026-01-15T00:00:00Z'],
      [t.customer, VCPU, '200', '2026-02-15T00:00:00Z'],
      [t.customer, VCPU, '50', '2026-03-15T00:00:00Z'],
    ]);
  });

  it('tops up once per idempotency key', async () => {
    const w = world();
    const topUp = {
      seller_tenant_id: t.provider.id,
      buyer_tenant_id: t.customer.id,
      currency: 'USD',
    };
    const first = await w.api.invoices.TopUpCredits({
      ...topUp,
      amount: '25.00',
      idempotency_key: 'prepay-1',
    });
    const again = await w.api.invoices.TopUpCredits({
      ...topUp,
      amount: '25.00',
      idempotency_key: 'prepay-1',
    });
    expect([first.balance, again.balance, await balance()]).toEqual(['25.00', '25.00', '25.00']);
    await expect(
      w.api.invoices.TopUpCredits({ ...topUp, amount: '30.00', idempotency_key: 'prepay-1' }),
    ).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: 'idempotency_key: "prepay-1" was used for a top-up of 25 USD',
    });
    await expect(
      w.api.invoices.TopUpCredits({ ...topUp, amount: '1.001', idempotency_key: 'x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: 'amount: USD has 2 decimal places; got 1.001',
    });
    await expect(
      w.api.invoices.TopUpCredits({ ...topUp, currency: 'EUR', amount: '1', idempotency_key: 'y' }),
    ).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: "currency: the buyer's credits with this seller are in USD, not EUR",
    });
  });

  it('pays January from credits: a credit line, nothing due', async () => {
    const w = world();
    await runBilling(w, JAN);
    const draft = await invoiceOf(w, t.provider, t.customer, JAN);
    expect(printed(draft)).toMatchObject({
      lines: [
        ['USAGE', expect.any(String), VCPU, '100', '10.00'],
        ['CREDIT', 'Prepaid credits applied', '', '', '-10.00'],
      ],
      total: '10.00',
      credits_applied: '10.00',
      amount_due: '0.00',
    });
    // A draft only shows what the balance holds; the credits go when it is finalized.
    expect(await balance()).toBe('25.00');
    await w.api.invoices.FinalizeInvoice({ id: draft.id });
    expect(await balance()).toBe('15.00');
  });

  it('takes the last 15.00 for February and leaves 5.00 due', async () => {
    const w = world();
    await runBilling(w, FEB);
    const feb = await w.api.invoices.FinalizeInvoice({
      id: (await invoiceOf(w, t.provider, t.customer, FEB)).id,
    });
    expect(printed(feb)).toMatchObject({
      lines: [
        ['USAGE', expect.any(String), VCPU, '200', '20.00'],
        ['CREDIT', 'Prepaid credits applied', '', '', '-15.00'],
      ],
      total: '20.00',
      credits_applied: '15.00',
      amount_due: '5.00',
    });
    expect(await balance()).toBe('0.00');
  });

  it('bills March in full: no credits left, no credit line', async () => {
    const w = world();
    await runBilling(w, MAR);
    expect(printed(await invoiceOf(w, t.provider, t.customer, MAR))).toMatchObject({
      lines: [['USAGE', expect.any(String), VCPU, '50', '5.00']],
      credits_applied: '0.00',
      amount_due: '5.00',
    });
    await expectInvariants(w, MAR, Object.values(t), []);
  });

  it('gives 10.00 of credit to one of two invoices finalized at once, never more', async () => {
    const w = world();
    await w.api.invoices.TopUpCredits({
      seller_tenant_id: t.provider.id,
      buyer_tenant_id: t.customer.id,
      currency: 'USD',
      amount: '10.00',
      idempotency_key: 'prepay-2',
    });
    await usage(w, [
      [t.customer, VCPU, '100', '2026-04-15T00:00:00Z'],
      [t.customer, VCPU, '100', '2026-05-15T00:00:00Z'],
    ]);
    await runBilling(w, APR);
    await runBilling(w, MAY);
    const drafts = [
      await invoiceOf(w, t.provider, t.customer, APR),
      await invoiceOf(w, t.provider, t.customer, MAY),
    ];
    // Both drafts show the 10.00 the balance holds …
    expect(drafts.map((d) => d.credits_applied)).toEqual(['10.00', '10.00']);
    const finalized = await Promise.all(
      drafts.map((d) => w.api.invoices.FinalizeInvoice({ id: d.id })),
    );
    // … but only one of them can have it.
    expect(finalized.map((f) => f.credits_applied).sort()).toEqual(['0.00', '10.00']);
    expect(finalized.map((f) => f.amount_due).sort()).toEqual(['0.00', '10.00']);
    const unpaid = finalized.find((f) => f.credits_applied === '0.00')!;
    expect(unpaid.lines.map((l: Message) => l.kind)).toEqual(['LINE_KIND_USAGE']);
    expect(await balance()).toBe('0.00');
  });
});
