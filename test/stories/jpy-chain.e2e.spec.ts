// Story: a chain that bills in Japanese yen, which has no minor unit. Every line is
// computed at full precision and rounded half-up to whole yen, totals are sums of the
// rounded lines, a subscription started on October 10 is prorated (22/31 of ¥1,000),
// and 10 % tax is one figure on the subtotal.
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

const OCTOBER = month(2026, 10);
const VCPU = 'compute.vcpu.hours';

describe('a chain billed in yen', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'tokyo', 'PROVIDER', 'JPY');
    t.reseller = await tenant(w, t.provider, 'osaka', 'RESELLER', 'JPY');
    t.customer = await tenant(w, t.reseller, 'kyoto', 'CUSTOMER', 'JPY');
    const wholesale = await plan(w, t.provider, {
      code: 'wholesale',
      currency: 'JPY',
      model: 'PAYG',
      charges: [perUnit(VCPU, '1.5')],
    });
    const retail = await plan(w, t.reseller, {
      code: 'retail',
      currency: 'JPY',
      model: 'SUBSCRIPTION',
      fee: '1000',
      charges: [perUnit(VCPU, '2.25')],
    });
    await assign(w, t.reseller, wholesale, '2026-01-01T00:00:00Z');
    await assign(w, t.customer, retail, '2026-10-10T00:00:00Z');
    await w.api.invoices.SetBillingSettings({ buyer_tenant_id: t.customer.id, tax_rate: '0.1' });
    await usage(w, [[t.customer, VCPU, '333', '2026-10-20T00:00:00Z']]);
    await runBilling(w, OCTOBER);
  });

  it('rounds every line to whole yen and adds up the rounded lines', async () => {
    expect(printed(await invoiceOf(world(), t.reseller, t.customer, OCTOBER))).toEqual({
      lines: [
        // 1000 × 22/31 = 709.677…
        [
          'SUBSCRIPTION_FEE',
          expect.stringMatching(
            /^Subscription fee, plan .+ v1, 2026-10-10 – 2026-11-01 \(22\/31 days\)$/,
          ),
          '',
          '',
          '710',
        ],
        ['SUBSCRIPTION_FEE', expect.stringMatching(/\(in advance\)/), '', '', '1000'],
        ['USAGE', expect.any(String), VCPU, '333', '749'], // 749.25
        ['TAX', 'Tax 10 % on 2459', '', '', '246'], // 245.9
      ],
      subtotal: '2459',
      tax: '246',
      total: '2705',
      credits_applied: '0',
      amount_due: '2705',
    });
  });

  it('rounds half a yen up', async () => {
    const reseller = printed(await invoiceOf(world(), t.provider, t.reseller, OCTOBER));
    expect(reseller.lines.map((l: string[]) => [l[3], l[4]])).toEqual([['333', '500']]); // 499.5
    expect(reseller.total).toBe('500');
  });

  it('reports the reseller’s margin in yen, and holds the invariants', async () => {
    const w = world();
    const report = await w.api.invoices.GetMarginReport({
      tenant_id: t.reseller.id,
      ...OCTOBER.period,
    });
    expect([report.currency, report.revenue, report.cost, report.margin]).toEqual([
      'JPY',
      '2459',
      '500',
      '1959',
    ]);
    await expectInvariants(w, OCTOBER, Object.values(t), [t.reseller]);
  });
});
