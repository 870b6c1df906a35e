// Story: a customer subscribes on January 20 and is billed on its anniversary: periods
// run from the 20th to the 20th, whatever the calendar. Each monthly run bills the
// anniversary period that ended in its month; the fee is in advance, usage in arrears,
// and a calendar customer of the same seller is billed beside it from the same runs.
import {
  assign,
  at,
  expectAddsUp,
  expectConservation,
  expectIdempotentRerun,
  expectMarginIdentity,
  invoicesOfMonth,
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

const VCPU = 'compute.vcpu.hours';
const [JAN, FEB, MAR] = [1, 2, 3].map((m) => month(2026, m));

describe('billing on the anniversary of the subscription', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};
  const of = async (buyer: Message, m: ReturnType<typeof month>) =>
    (await invoicesOfMonth(world(), { buyer_tenant_id: buyer.id }, m))[0];

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
    t.anniversary = await tenant(w, t.provider, 'ann', 'CUSTOMER');
    t.calendar = await tenant(w, t.provider, 'cal', 'CUSTOMER');
    const monthly = await plan(w, t.provider, {
      code: 'monthly',
      model: 'SUBSCRIPTION',
      fee: '31.00',
      charges: [perUnit(VCPU, '0.01')],
    });
    await assign(w, t.anniversary, monthly, '2026-01-20T00:00:00Z');
    await assign(w, t.calendar, monthly, '2026-01-01T00:00:00Z');
    const settings = await w.api.invoices.SetBillingSettings({
      buyer_tenant_id: t.anniversary.id,
      anchor: 'BILLING_ANCHOR_ANNIVERSARY',
      anniversary_at: at('2026-01-20T00:00:00Z'),
    });
    expect(settings).toMatchObject({ anchor: 'BILLING_ANCHOR_ANNIVERSARY', tax_rate: '0' });
    await usage(w, [
      [t.anniversary, VCPU, '100', '2026-01-25T00:00:00Z'],
      [t.anniversary, VCPU, '300', '2026-02-25T00:00:00Z'],
      [t.calendar, VCPU, '50', '2026-01-25T00:00:00Z'],
    ]);
  });

  it('bills nothing in January: the first anniversary period ends in February', async () => {
    const w = world();
    await runBilling(w, JAN);
    expect(await of(t.anniversary, JAN)).toBeUndefined();
    expect((await of(t.calendar, JAN)).total).toBe('62.50');
  });

  it('bills January 20 – February 20 in the February run, and the next period in advance', async () => {
    const w = world();
    await runBilling(w, FEB);
    const invoice = await of(t.anniversary, FEB);
    expect([invoice.period_start, invoice.period_end]).toEqual([
      at('2026-01-20T00:00:00Z'),
      at('2026-02-20T00:00:00Z'),
    ]);
    expect(printed(invoice)).toEqual({
      lines: [
        [
          'SUBSCRIPTION_FEE',
          expect.stringMatching(/^Subscription fee, plan .+ v1, 2026-01-20 – 2026-02-20$/),
          '',
          '',
          '31.00',
        ],
        [
          'SUBSCRIPTION_FEE',
          expect.stringMatching(
            /^Subscription fee \(in advance\), plan .+ v1, 2026-02-20 – 2026-03-20$/,
          ),
          '',
          '',
          '31.00',
        ],
        // The line covers the whole anniversary period, so it names no dates of its own.
        [
          'USAGE',
          expect.stringMatching(/^compute\.vcpu\.hours: 100 unit, plan .+ v1$/),
          VCPU,
          '100',
          '1.00',
        ],
      ],
      subtotal: '63.00',
      tax: '0.00',
      total: '63.00',
      credits_applied: '0.00',
      amount_due: '63.00',
    });
    await w.api.invoices.FinalizeInvoice({ id: invoice.id });
  });

  it('bills February 20 – March 20 in the March run: usage, and April’s fee in advance', async () => {
    const w = world();
    await runBilling(w, MAR);
    const invoice = await of(t.anniversary, MAR);
    expect([invoice.period_start, invoice.period_end]).toEqual([
      at('2026-02-20T00:00:00Z'),
      at('2026-03-20T00:00:00Z'),
    ]);
    expect(lineFacts(invoice)).toEqual([
      ['SUBSCRIPTION_FEE', '', '', '31.00', 1],
      ['USAGE', VCPU, '300', '3.00', 1],
    ]);
    expect(invoice.lines[0].description).toMatch(
      /\(in advance\), plan .+ v1, 2026-03-20 – 2026-04-20$/,
    );
  });

  it('holds the invariants; the seller’s March report counts the period that ended in March', async () => {
    const w = world();
    const invoices = await invoicesOfMonth(w, { seller_tenant_id: t.provider.id }, MAR);
    expect(invoices.map((i) => i.buyer_tenant_id).sort()).toEqual(
      [t.anniversary.id, t.calendar.id].sort(),
    );
    invoices.forEach(expectAddsUp);
    await expectConservation(w, invoices);
    const report = await expectMarginIdentity(w, t.provider.id, MAR);
    expect([report.revenue, report.cost]).toEqual(['65.00', '0.00']);
    await expectIdempotentRerun(w, MAR, Object.values(t));
  });

  it('fixes the anchor once the buyer has an invoice', async () => {
    await expect(
      world().api.invoices.SetBillingSettings({
        buyer_tenant_id: t.anniversary.id,
        anchor: 'BILLING_ANCHOR_CALENDAR',
      }),
    ).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: `anchor: buyer "${t.anniversary.id}" already has invoices; its billing anchor is fixed`,
    });
    await expect(
      world().api.invoices.SetBillingSettings({
        buyer_tenant_id: t.calendar.id,
        anchor: 'BILLING_ANCHOR_ANNIVERSARY',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: 'anniversary_at: is required with BILLING_ANCHOR_ANNIVERSARY',
    });
  });
});
