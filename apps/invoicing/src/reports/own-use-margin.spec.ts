import { ids, month, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

const JAN = month(2026, 1);

describeEachDatabase('Margin report: own use and resale', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('splits a reseller’s cost between what it used itself and what it resold', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('dist', 'reseller', 'customer'));
    // The reseller's subtree used 300 vCPU-hours: 100 by its customer, 200 by itself.
    h.peers.edge(t.dist, t.reseller, JAN.start, JAN.end, {
      billingModel: 'PAYG',
      usage: [{ meterCode: 'compute.vcpu', quantity: '300', amount: '10' }],
    });
    h.peers.edge(t.reseller, t.customer, JAN.start, JAN.end, {
      billingModel: 'PAYG',
      usage: [{ meterCode: 'compute.vcpu', quantity: '100', amount: '5' }],
    });
    await runBilling(h, JAN);

    const report = await h.client.getMarginReport({
      tenantId: t.reseller,
      periodStart: ts(JAN.start),
      periodEnd: ts(JAN.end),
    });
    // Looks like a loss of 5.00 — but 6.67 of the cost is its own consumption.
    expect([report.revenue, report.cost, report.margin]).toEqual(['5.00', '10.00', '-5.00']);
    expect([report.ownUseCost, report.resaleCost, report.resaleMargin]).toEqual([
      '6.67',
      '3.33',
      '1.67',
    ]);
    expect(
      report.meters.map((m) => [m.meterCode, m.costQuantity, m.ownUseQuantity, m.ownUseCost]),
    ).toEqual([['compute.vcpu', '300', '200', '6.67']]);
  });
});
