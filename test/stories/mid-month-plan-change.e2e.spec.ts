// Story: a customer on a 10.00 plan whose seller raises it to 20.00 (and lowers the
// usage price) from April 16, exactly halfway through April. March billed April's fee
// in advance at 10.00, so April's invoice settles it the Stripe way: −5.00 for the
// unused half at 10.00, +10.00 for the remaining half at 20.00 (net +5.00), usage in
// two lines priced by their own versions, and May in advance at version 2.
import {
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
  assign,
  at,
} from './support';

const MARCH = month(2026, 3);
const APRIL = month(2026, 4);
const VCPU = 'compute.vcpu.hours';

describe('a plan changed in the middle of the month', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};
  let basic: Message;

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
    t.customer = await tenant(w, t.provider, 'cust', 'CUSTOMER');
    basic = await plan(w, t.provider, {
      code: 'basic',
      model: 'SUBSCRIPTION',
      fee: '10.00',
      charges: [perUnit(VCPU, '0.05')],
    });
    await assign(w, t.customer, basic, '2026-03-01T00:00:00Z');
    await usage(w, [[t.customer, VCPU, '40', '2026-03-10T00:00:00Z']]);
  });

  it('bills March, and April in advance at version 1', async () => {
    const w = world();
    await runBilling(w, MARCH);
    const march = await invoiceOf(w, t.provider, t.customer, MARCH);
    expect(lineFacts(march)).toEqual([
      ['SUBSCRIPTION_FEE', '', '', '10.00', 1],
      ['SUBSCRIPTION_FEE', '', '', '10.00', 1],
      ['USAGE', VCPU, '40', '2.00', 1],
    ]);
    await w.api.invoices.FinalizeInvoice({ id: march.id });
  });

  it('settles April in two versions when version 2 starts on April 16', async () => {
    const w = world();
    const v2 = await w.api.plans.UpdatePlan({
      id: basic.id,
      name: 'basic',
      subscription_fee: '20.00',
      charges: [perUnit(VCPU, '0.04')],
      effective_from: at('2026-04-16T00:00:00Z'),
    });
    expect(v2.version).toBe(2);
    await usage(w, [
      [t.customer, VCPU, '100', '2026-04-10T00:00:00Z'],
      [t.customer, VCPU, '200', '2026-04-20T00:00:00Z'],
    ]);
    await runBilling(w, APRIL);
    const april = await invoiceOf(w, t.provider, t.customer, APRIL);
    expect(printed(april)).toEqual({
      lines: [
        [
          'SUBSCRIPTION_FEE',
          `Unused time, plan basic v1, 2026-04-16 – 2026-05-01 (15/30 days)`,
          '',
          '',
          '-5.00',
        ],
        [
          'SUBSCRIPTION_FEE',
          `Remaining time, plan basic v2, 2026-04-16 – 2026-05-01 (15/30 days)`,
          '',
          '',
          '10.00',
        ],
        [
          'SUBSCRIPTION_FEE',
          `Subscription fee (in advance), plan basic v2, 2026-05-01 – 2026-06-01`,
          '',
          '',
          '20.00',
        ],
        ['USAGE', `${VCPU}: 100 unit, plan basic v1, 2026-04-01 – 2026-04-16`, VCPU, '100', '5.00'],
        ['USAGE', `${VCPU}: 200 unit, plan basic v2, 2026-04-16 – 2026-05-01`, VCPU, '200', '8.00'],
      ],
      subtotal: '38.00',
      tax: '0.00',
      total: '38.00',
      credits_applied: '0.00',
      amount_due: '38.00',
    });
    expect(lineFacts(april).map((l: unknown[]) => l[4])).toEqual([1, 2, 2, 1, 2]);
  });

  it('holds the invariants', async () => {
    await expectInvariants(world(), APRIL, Object.values(t), []);
  });
});
