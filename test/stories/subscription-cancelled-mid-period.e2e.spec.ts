// Story: two customers on a 30.00 monthly subscription, June billed in advance with
// May. One cancels effective June 21 after May was finalized: June's invoice credits
// the 10 unused days (−10.00) and bills no July. The other had asked, before May was
// billed, to stop on June 11: May's invoice billed only those 10 days of June, and
// June has nothing left to settle. Usage after a cancellation is still billed.
import {
  assign,
  at,
  expectInvariants,
  invoiceOf,
  lineFacts,
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

const [MAY, JUNE, JULY] = [5, 6, 7].map((m) => month(2026, m));
const VCPU = 'compute.vcpu.hours';

describe('a subscription cancelled in the middle of a period', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};
  const cancel = (buyer: Message, when: string) =>
    world().api.invoices.CancelSubscription({
      seller_tenant_id: t.provider.id,
      buyer_tenant_id: buyer.id,
      effective_at: at(when),
    });

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
    t.late = await tenant(w, t.provider, 'late', 'CUSTOMER');
    t.early = await tenant(w, t.provider, 'early', 'CUSTOMER');
    const monthly = await plan(w, t.provider, {
      code: 'monthly',
      model: 'SUBSCRIPTION',
      fee: '30.00',
      charges: [perUnit(VCPU, '0.05')],
    });
    await assign(w, t.late, monthly, '2026-05-01T00:00:00Z');
    await assign(w, t.early, monthly, '2026-05-01T00:00:00Z');
    const cancelled = await cancel(t.early, '2026-06-11T00:00:00Z');
    expect(cancelled).toMatchObject({
      buyer_tenant_id: t.early.id,
      effective_at: at('2026-06-11T00:00:00Z'),
    });
    await runBilling(w, MAY);
  });

  it('bills June in advance with May: whole, or up to a cancellation already known', async () => {
    const w = world();
    const late = await invoiceOf(w, t.provider, t.late, MAY);
    expect(lineFacts(late)).toEqual([
      ['SUBSCRIPTION_FEE', '', '', '30.00', 1],
      ['SUBSCRIPTION_FEE', '', '', '30.00', 1],
      ['USAGE', VCPU, '0', '0.00', 1], // no usage in May: a zero line, as rated
    ]);
    const early = printed(await invoiceOf(w, t.provider, t.early, MAY));
    expect(early.lines).toEqual([
      ['SUBSCRIPTION_FEE', expect.stringMatching(/2026-05-01 – 2026-06-01$/), '', '', '30.00'],
      [
        'SUBSCRIPTION_FEE',
        expect.stringMatching(
          /^Subscription fee \(in advance\), plan .+ v1, 2026-06-01 – 2026-06-11 \(10\/30 days\)$/,
        ),
        '',
        '',
        '10.00',
      ],
      ['USAGE', expect.any(String), VCPU, '0', '0.00'],
    ]);
    for (const buyer of [t.late, t.early])
      await w.api.invoices.FinalizeInvoice({ id: (await invoiceOf(w, t.provider, buyer, MAY)).id });
  });

  it('credits the unused days of a cancellation made after June was billed', async () => {
    const w = world();
    await cancel(t.late, '2026-06-21T00:00:00Z');
    await usage(w, [
      [t.late, VCPU, '300', '2026-06-10T00:00:00Z'],
      [t.early, VCPU, '100', '2026-06-15T00:00:00Z'], // after its cancellation: still used, still billed
    ]);
    await runBilling(w, JUNE);
    expect(printed(await invoiceOf(w, t.provider, t.late, JUNE))).toEqual({
      lines: [
        [
          'SUBSCRIPTION_FEE',
          expect.stringMatching(
            /^Unused time, plan .+ v1, 2026-06-21 – 2026-07-01 \(10\/30 days\)$/,
          ),
          '',
          '',
          '-10.00',
        ],
        ['USAGE', expect.any(String), VCPU, '300', '15.00'],
      ],
      subtotal: '5.00',
      tax: '0.00',
      total: '5.00',
      credits_applied: '0.00',
      amount_due: '5.00',
    });
    expect(lineFacts(await invoiceOf(w, t.provider, t.early, JUNE))).toEqual([
      ['USAGE', VCPU, '100', '5.00', 1],
    ]);
  });

  it('holds the invariants, and July bills no fee to either', async () => {
    const w = world();
    await expectInvariants(w, JUNE, Object.values(t), []);
    await usage(w, [[t.late, VCPU, '20', '2026-07-02T00:00:00Z']]);
    await runBilling(w, JULY);
    expect(lineFacts(await invoiceOf(w, t.provider, t.late, JULY))).toEqual([
      ['USAGE', VCPU, '20', '1.00', 1],
    ]);
    expect(lineFacts(await invoiceOf(w, t.provider, t.early, JULY))).toEqual([
      ['USAGE', VCPU, '0', '0.00', 1],
    ]);
  });
});
