// Story: October is billed and finalized at both tiers; then an October event arrives
// in November. The finalized invoices never change. Billing October again notes the
// difference, and November's invoices carry it as an ADJUSTMENT line naming October,
// at every tier, exactly once.
import {
  expectAddsUp,
  expectConservation,
  expectIdempotentRerun,
  invoiceOf,
  invoicesOfMonth,
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
} from './support';

// A year that has ended: December is billed too, and only an ended month can be.
const OCTOBER = month(2025, 10);
const NOVEMBER = month(2025, 11);
const DECEMBER = month(2025, 12);
const VCPU = 'compute.vcpu.hours';

describe('an event that arrives after its month was finalized', () => {
  const world = useCascade('sqlite');
  const t: Record<string, Message> = {};
  const finalized = new Map<string, Message>();

  beforeAll(async () => {
    const w = world();
    await sumMeter(w, VCPU);
    t.provider = await tenant(w, undefined, 'acme', 'PROVIDER');
    t.reseller = await tenant(w, t.provider, 'blue', 'RESELLER');
    t.customer = await tenant(w, t.reseller, 'cust', 'CUSTOMER');
    const wholesale = await plan(w, t.provider, {
      code: 'wholesale',
      model: 'PAYG',
      charges: [perUnit(VCPU, '0.01')],
    });
    const retail = await plan(w, t.reseller, {
      code: 'retail',
      model: 'PAYG',
      charges: [perUnit(VCPU, '0.02')],
    });
    await assign(w, t.reseller, wholesale, '2025-01-01T00:00:00Z');
    await assign(w, t.customer, retail, '2025-01-01T00:00:00Z');
    await usage(w, [[t.customer, VCPU, '1000', '2025-10-10T00:00:00Z']]);
    await runBilling(w, OCTOBER);
    for (const [seller, buyer] of [
      [t.provider, t.reseller],
      [t.reseller, t.customer],
    ]) {
      const invoice = await invoiceOf(w, seller, buyer, OCTOBER);
      finalized.set(buyer.id, await w.api.invoices.FinalizeInvoice({ id: invoice.id }));
    }
    expect(finalized.get(t.customer.id)!.total).toBe('20.00');
  });

  it('leaves the finalized invoices unchanged when October is billed again', async () => {
    const w = world();
    await usage(w, [[t.customer, VCPU, '12', '2025-10-31T23:00:00Z']]);
    const { run } = await runBilling(w, OCTOBER);
    expect([run.invoices_locked, run.invoices_created, run.invoices_updated]).toEqual([2, 0, 0]);
    for (const [buyer, invoice] of finalized)
      expect(await w.api.invoices.GetInvoice({ id: invoice.id })).toEqual(finalized.get(buyer));
  });

  it('bills the late units on November’s invoices, naming October, at every tier', async () => {
    const w = world();
    await usage(w, [[t.customer, VCPU, '500', '2025-11-03T00:00:00Z']]);
    await runBilling(w, NOVEMBER);
    const customer = printed(await invoiceOf(w, t.reseller, t.customer, NOVEMBER));
    expect(customer.lines).toEqual([
      [
        'USAGE',
        expect.stringMatching(/^compute\.vcpu\.hours: 500 unit, plan retail v1$/),
        VCPU,
        '500',
        '10.00',
      ],
      [
        'ADJUSTMENT',
        'Late usage for 2025-10-01 – 2025-11-01: compute.vcpu.hours +12 unit',
        VCPU,
        '12',
        '0.24',
      ],
    ]);
    expect(customer.total).toBe('10.24');
    const reseller = printed(await invoiceOf(w, t.provider, t.reseller, NOVEMBER));
    expect(reseller.lines.map((l: string[]) => [l[0], l[3], l[4]])).toEqual([
      ['USAGE', '500', '5.00'],
      ['ADJUSTMENT', '12', '0.12'],
    ]);
    const adjustment = (await invoiceOf(w, t.reseller, t.customer, NOVEMBER)).lines[1];
    expect([adjustment.from, adjustment.to]).toEqual([
      OCTOBER.period.period_start,
      OCTOBER.period.period_end,
    ]);
  });

  it('holds the invariants for November', async () => {
    const w = world();
    const invoices = (
      await Promise.all(
        Object.values(t).map((x) => invoicesOfMonth(w, { seller_tenant_id: x.id }, NOVEMBER)),
      )
    ).flat();
    invoices.forEach(expectAddsUp);
    await expectConservation(w, invoices);
    await expectIdempotentRerun(w, NOVEMBER, Object.values(t));
  });

  it('bills the late units once: after November is finalized, December carries nothing', async () => {
    const w = world();
    for (const [seller, buyer] of [
      [t.provider, t.reseller],
      [t.reseller, t.customer],
    ])
      await w.api.invoices.FinalizeInvoice({
        id: (await invoiceOf(w, seller, buyer, NOVEMBER)).id,
      });
    await runBilling(w, OCTOBER);
    await usage(w, [[t.customer, VCPU, '1', '2025-12-05T00:00:00Z']]);
    await runBilling(w, DECEMBER);
    expect(
      printed(await invoiceOf(w, t.reseller, t.customer, DECEMBER)).lines.map(
        (l: string[]) => l[0],
      ),
    ).toEqual(['USAGE']);
  });
});
