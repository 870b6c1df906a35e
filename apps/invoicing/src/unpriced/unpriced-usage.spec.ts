import { Logger } from '@nestjs/common';
import { Code } from '@connectrpc/connect';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { BillingAnchor, UnpricedReason } from '@cascade/contracts';
import { registry } from '@cascade/observability';
import { ids, month, runBilling, ts } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

const JAN = month(2026, 1);

async function unpricedEdgesCounted(): Promise<number> {
  const metric = await registry.getSingleMetric('cascade_unpriced_usage_edges_total')?.get();
  return metric?.values[0]?.value ?? NaN;
}
const WINDOW = { periodStart: ts(JAN.start), periodEnd: ts(JAN.end) };

describeEachDatabase('Usage with no price', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('is counted by the run, logged, listed per edge and meter, and shown on the margin report', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('dist', 'res', 'noplan', 'nocharge', 'eur'));
    h.peers.currencies.set(t.eur, 'EUR');
    const vcpu = { meterCode: 'compute.vcpu', quantity: '40', amount: '4' };
    h.peers.edge(t.dist, t.res, JAN.start, JAN.end, {
      billingModel: 'PAYG',
      usage: [{ ...vcpu, quantity: '100', amount: '10' }],
    });
    h.peers.edge(t.res, t.noplan, JAN.start, JAN.end);
    h.peers.edge(t.res, t.nocharge, JAN.start, JAN.end, { billingModel: 'PAYG', usage: [vcpu] });
    h.peers.edge(t.res, t.eur, JAN.start, JAN.end);
    h.peers.edgeUsage = [
      { seller: t.dist, buyer: t.res, meterCode: 'compute.vcpu', quantity: '100' },
      { seller: t.res, buyer: t.noplan, meterCode: 'compute.vcpu', quantity: '30' },
      { seller: t.res, buyer: t.nocharge, meterCode: 'compute.vcpu', quantity: '40' },
      { seller: t.res, buyer: t.nocharge, meterCode: 'storage.gb', quantity: '7.5', unit: 'GB' },
      { seller: t.res, buyer: t.eur, meterCode: 'compute.vcpu', quantity: '10' },
      { seller: t.res, buyer: t.eur, meterCode: 'storage.gb', quantity: '0', unit: 'GB' },
    ];
    const warn = jest.spyOn(Logger.prototype, 'warn');

    const before = await unpricedEdgesCounted();
    const { run } = await runBilling(h, JAN);

    expect(run!.unpricedLines).toBe(3);
    expect((await unpricedEdgesCounted()) - before).toBe(3);
    const warned = warn.mock.calls.map(([message]) => String(message)).join('\n');
    warn.mockRestore();
    expect(warned).toContain(
      `3 (edge, meter) pairs with usage no plan priced, billed to nobody: ${t.res} -> ${t.eur} compute.vcpu 10 units (CURRENCY); ${t.res} -> ${t.nocharge} storage.gb 7.5 GB (NO_CHARGE); ${t.res} -> ${t.noplan} compute.vcpu 30 units (NO_PLAN)`,
    );
    const { usage } = await h.client.listUnpricedUsage({ tenantId: t.res, ...WINDOW });
    expect(usage.map((u) => [u.buyerTenantId, u.meterCode, u.quantity, u.unit, u.reason])).toEqual([
      [t.eur, 'compute.vcpu', '10', 'units', UnpricedReason.CURRENCY],
      [t.nocharge, 'storage.gb', '7.5', 'GB', UnpricedReason.NO_CHARGE],
      [t.noplan, 'compute.vcpu', '30', 'units', UnpricedReason.NO_PLAN],
    ]);
    expect(usage[0]).toMatchObject({
      sellerTenantId: t.res,
      from: WINDOW.periodStart,
      to: WINDOW.periodEnd,
    });
    // A subtree sees its own edge and below, nothing beside it.
    expect(
      (await h.client.listUnpricedUsage({ tenantId: t.noplan, ...WINDOW })).usage.map(
        (u) => u.buyerTenantId,
      ),
    ).toEqual([t.noplan]);
    expect(
      (await h.client.listUnpricedUsage({ tenantId: t.nocharge, ...WINDOW })).usage,
    ).toHaveLength(1);

    const report = await h.client.getMarginReport({ tenantId: t.res, ...WINDOW });
    expect(report.unpriced.map((u) => u.buyerTenantId)).toEqual([t.eur, t.nocharge, t.noplan]);
    // Of 100 bought: 40 resold, 40 unpriced below it, 20 its own (2.00 of 10.00).
    expect([report.cost, report.ownUseCost, report.resaleCost]).toEqual(['10.00', '2.00', '8.00']);

    // Priced since: the next run replaces what was kept.
    h.peers.edgeUsage = h.peers.edgeUsage.slice(0, 3);
    h.peers.plans.set(`${t.res}|${t.noplan}`, {
      billingModel: 'PAYG',
      usage: [{ meterCode: 'compute.vcpu', quantity: '30', amount: '3' }],
    });
    expect((await runBilling(h, JAN)).run!.unpricedLines).toBe(0);
    expect((await h.client.listUnpricedUsage({ tenantId: t.res, ...WINDOW })).usage).toEqual([]);
  });

  it('of an anniversary buyer is kept for its anniversary period, replaced buyer by buyer', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('res', 'noplan', 'ann'));
    const DEC10 = new Date('2025-12-10T00:00:00Z');
    h.peers.edge(t.res, t.noplan, JAN.start, JAN.end);
    h.peers.edge(t.res, t.ann, DEC10, JAN.end);
    await h.client.setBillingSettings({
      buyerTenantId: t.ann,
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: ts(DEC10),
    });
    const vcpu = (buyer: string, quantity: string, from?: Date) => ({
      seller: t.res,
      buyer,
      meterCode: 'compute.vcpu',
      quantity,
      from,
    });
    h.peers.edgeUsage = [vcpu(t.noplan, '30', JAN.start), vcpu(t.ann, '12', DEC10)];

    expect((await runBilling(h, JAN)).run!.unpricedLines).toBe(2);
    const listed = async () =>
      (await h.client.listUnpricedUsage({ tenantId: t.res, ...WINDOW })).usage.map((u) => [
        u.buyerTenantId,
        u.quantity,
        u.reason,
        timestampDate(u.from!).toISOString(),
        timestampDate(u.to!).toISOString(),
      ]);
    expect(await listed()).toEqual([
      [t.ann, '12', UnpricedReason.NO_PLAN, '2025-12-10T00:00:00.000Z', '2026-01-10T00:00:00.000Z'],
      [
        t.noplan,
        '30',
        UnpricedReason.NO_PLAN,
        '2026-01-01T00:00:00.000Z',
        '2026-02-01T00:00:00.000Z',
      ],
    ]);

    // Priced since: the next run clears the anniversary buyer's row and keeps the other.
    h.peers.plans.set(`${t.res}|${t.ann}`, {
      billingModel: 'PAYG',
      usage: [{ meterCode: 'compute.vcpu', quantity: '12', amount: '1.2' }],
    });
    expect((await runBilling(h, JAN)).run!.unpricedLines).toBe(1);
    expect((await listed()).map(([buyer]) => buyer)).toEqual([t.noplan]);
  });

  it('names a bad period', async () => {
    const h = harness();
    await expect(
      h.client.listUnpricedUsage({ periodStart: ts(JAN.end), periodEnd: ts(JAN.start) }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'period_end: must be after period_start',
    });
  });
});
