// Story: a customer moves from one reseller to another on October 16. Usage before
// the move stays with the old chain, usage after goes to the new one: two invoices
// for the month, quantities split at the move, each seller's fee prorated for its
// days, and only the new seller bills November in advance.
import {
  assign,
  at,
  expectInvariants,
  expectMarginIdentity,
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

const OCTOBER = month(2026, 10);
const VCPU = 'compute.vcpu.hours';

describe('a customer moved between resellers in the middle of the month', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
    t.north = await tenant(w, t.provider, 'north', 'RESELLER');
    t.south = await tenant(w, t.provider, 'south', 'RESELLER');
    t.customer = await tenant(w, t.north, 'cust', 'CUSTOMER');
    const wholesale = await plan(w, t.provider, {
      code: 'wholesale',
      model: 'PAYG',
      charges: [perUnit(VCPU, '0.02')],
    });
    await assign(w, t.north, wholesale, '2026-01-01T00:00:00Z');
    await assign(w, t.south, wholesale, '2026-01-01T00:00:00Z');
    const northRetail = await plan(w, t.north, {
      code: 'north-retail',
      model: 'SUBSCRIPTION',
      fee: '31.00',
      charges: [perUnit(VCPU, '0.03')],
    });
    const southRetail = await plan(w, t.south, {
      code: 'south-retail',
      model: 'SUBSCRIPTION',
      fee: '62.00',
      charges: [perUnit(VCPU, '0.025')],
    });
    await assign(w, t.customer, northRetail, '2026-10-01T00:00:00Z');
    await usage(w, [[t.customer, VCPU, '100', '2026-10-05T00:00:00Z']]);
    await w.api.tenants.MoveTenant({
      id: t.customer.id,
      new_parent_id: t.south.id,
      effective_at: at('2026-10-16T00:00:00Z'),
    });
    await assign(w, t.customer, southRetail, '2026-10-16T00:00:00Z');
    await usage(w, [[t.customer, VCPU, '200', '2026-10-20T00:00:00Z']]);
    await runBilling(w, OCTOBER);
  });

  it('bills 15 days and the usage before the move from the old reseller', async () => {
    const north = printed(await invoiceOf(world(), t.north, t.customer, OCTOBER));
    expect(north.lines).toEqual([
      [
        'SUBSCRIPTION_FEE',
        expect.stringMatching(
          /^Subscription fee, plan .+ v1, 2026-10-01 – 2026-10-16 \(15\/31 days\)$/,
        ),
        '',
        '',
        '15.00',
      ],
      ['USAGE', expect.stringMatching(/2026-10-01 – 2026-10-16$/), VCPU, '100', '3.00'],
    ]);
    expect(north.total).toBe('18.00');
  });

  it('bills 16 days, the usage after the move and November from the new one', async () => {
    const south = printed(await invoiceOf(world(), t.south, t.customer, OCTOBER));
    expect(south.lines).toEqual([
      [
        'SUBSCRIPTION_FEE',
        expect.stringMatching(
          /^Subscription fee, plan .+ v1, 2026-10-16 – 2026-11-01 \(16\/31 days\)$/,
        ),
        '',
        '',
        '32.00',
      ],
      [
        'SUBSCRIPTION_FEE',
        expect.stringMatching(
          /^Subscription fee \(in advance\), plan .+ v1, 2026-11-01 – 2026-12-01$/,
        ),
        '',
        '',
        '62.00',
      ],
      ['USAGE', expect.stringMatching(/2026-10-16 – 2026-11-01$/), VCPU, '200', '5.00'],
    ]);
    expect(south.total).toBe('99.00');
  });

  it('bills each reseller the provider’s price for what its subtree used while there', async () => {
    const w = world();
    expect(lineFacts(await invoiceOf(w, t.provider, t.north, OCTOBER))).toEqual([
      ['USAGE', VCPU, '100', '2.00', 1],
    ]);
    expect(lineFacts(await invoiceOf(w, t.provider, t.south, OCTOBER))).toEqual([
      ['USAGE', VCPU, '200', '4.00', 1],
    ]);
    expect(await expectMarginIdentity(w, t.north.id, OCTOBER)).toMatchObject({
      revenue: '18.00',
      cost: '2.00',
      margin: '16.00',
    });
    expect(await expectMarginIdentity(w, t.south.id, OCTOBER)).toMatchObject({
      revenue: '99.00',
      cost: '4.00',
      margin: '95.00',
    });
  });

  it('holds the invariants', async () => {
    await expectInvariants(world(), OCTOBER, Object.values(t), [t.north, t.south]);
  });
});
