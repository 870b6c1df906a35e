import { Code } from '@connectrpc/connect';
import { BillingAnchor } from '@cascade/contracts';
import { at, ids, month, ts } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

describeEachDatabase('Billing settings and cancellations', (kind) => {
  const harness = useHarness(kind);

  it('keeps a buyer’s tax rate and anchor, with defaults for a buyer never set', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('b'));
    const defaults = await h.client.getBillingSettings({ buyerTenantId: t.b });
    expect(defaults).toMatchObject({
      buyerTenantId: t.b,
      taxRate: '0',
      anchor: BillingAnchor.CALENDAR,
    });
    expect(defaults.anniversaryAt).toBeUndefined();
    const set = await h.client.setBillingSettings({
      buyerTenantId: t.b,
      taxRate: '0.075',
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: ts(at('2026-03-15T09:30:00Z')),
    });
    expect(set).toMatchObject({
      taxRate: '0.075',
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: ts(at('2026-03-15T09:30:00Z')),
    });
    expect(await h.client.getBillingSettings({ buyerTenantId: t.b })).toEqual(set);
  });

  it('changes only the settings a request names, by mask or by setting them', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('b'));
    const anniversary = ts(at('2026-03-15T00:00:00Z'));
    await h.client.setBillingSettings({ buyerTenantId: t.b, taxRate: '0.2' });
    await h.client.setBillingSettings({
      buyerTenantId: t.b,
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: anniversary,
    });
    expect(await h.client.getBillingSettings({ buyerTenantId: t.b })).toMatchObject({
      taxRate: '0.2',
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: anniversary,
    });
    // Without a mask an empty tax rate is left as it is; with one it clears the rate.
    const kept = await h.client.setBillingSettings({ buyerTenantId: t.b, taxRate: '' });
    expect(kept).toMatchObject({ taxRate: '0.2', anchor: BillingAnchor.ANNIVERSARY });
    const cleared = await h.client.setBillingSettings({
      buyerTenantId: t.b,
      anchor: BillingAnchor.CALENDAR,
      updateMask: { paths: ['tax_rate'] },
    });
    expect(cleared).toMatchObject({
      taxRate: '0',
      anchor: BillingAnchor.ANNIVERSARY,
      anniversaryAt: anniversary,
    });
    const calendar = await h.client.setBillingSettings({
      buyerTenantId: t.b,
      updateMask: { paths: ['anchor'] },
    });
    expect(calendar).toMatchObject({ taxRate: '0', anchor: BillingAnchor.CALENDAR });
    expect(calendar.anniversaryAt).toBeUndefined();
  });

  it.each([
    [
      { updateMask: { paths: ['taxrate'] } },
      'update_mask: unknown field "taxrate": one of tax_rate, anchor, anniversary_at',
    ],
    [
      { anniversaryAt: ts(at('2026-03-15T00:00:00Z')) },
      'anniversary_at: is only used with BILLING_ANCHOR_ANNIVERSARY',
    ],
    [
      { buyerTenantId: '', taxRate: '2', anchor: 7 },
      'buyer_tenant_id: is required; tax_rate: must be between 0 and 1 ("0.2" for 20 %); ' +
        'anchor: must be BILLING_ANCHOR_CALENDAR or BILLING_ANCHOR_ANNIVERSARY',
    ],
  ])('refuses %j and changes nothing', async (overrides, rawMessage) => {
    const h = harness();
    h.peers.tenants({ b: 'b' });
    await h.client.setBillingSettings({ buyerTenantId: 'b', taxRate: '0.1' });
    await expect(
      h.client.setBillingSettings({ buyerTenantId: 'b', ...overrides }),
    ).rejects.toMatchObject({ code: Code.InvalidArgument, rawMessage });
    expect(await h.client.getBillingSettings({ buyerTenantId: 'b' })).toMatchObject({
      taxRate: '0.1',
      anchor: BillingAnchor.CALENDAR,
    });
  });

  it.each([
    [{ taxRate: '1.5' }, 'tax_rate: must be between 0 and 1 ("0.2" for 20 %)'],
    [{ taxRate: '20%' }, 'tax_rate: must be a decimal string such as "12.5", got "20%"'],
    [
      { anchor: BillingAnchor.ANNIVERSARY },
      'anniversary_at: is required with BILLING_ANCHOR_ANNIVERSARY',
    ],
    [{ buyerTenantId: ' ' }, 'buyer_tenant_id: is required'],
  ])('refuses %j', async (overrides, rawMessage) => {
    const h = harness();
    h.peers.tenants({ b: 'b' });
    await expect(
      h.client.setBillingSettings({ buyerTenantId: 'b', ...overrides }),
    ).rejects.toMatchObject({ code: Code.InvalidArgument, rawMessage });
  });

  it('moves a cancellation when cancelled again, and names missing fields', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.edge(t.s, t.b, month(2026, 6).start, month(2026, 8).end, {
      billingModel: 'SUBSCRIPTION',
      fee: '10',
    });
    const first = await h.client.cancelSubscription({
      sellerTenantId: t.s,
      buyerTenantId: t.b,
      effectiveAt: ts(month(2026, 6).start),
    });
    const moved = await h.client.cancelSubscription({
      sellerTenantId: t.s,
      buyerTenantId: t.b,
      effectiveAt: ts(month(2026, 7).start),
    });
    expect([first.effectiveAt, moved.effectiveAt]).toEqual([
      ts(month(2026, 6).start),
      ts(month(2026, 7).start),
    ]);
    await expect(
      h.client.cancelSubscription({ sellerTenantId: t.s, buyerTenantId: t.b }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'effective_at: is required',
    });
    await expect(h.client.cancelSubscription({ buyerTenantId: t.b })).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'seller_tenant_id: is required; effective_at: is required',
    });
  });

  it('reports no margin for an unknown tenant, and refuses an empty period', async () => {
    const h = harness();
    const jan = month(2026, 1);
    await expect(
      h.client.getMarginReport({
        tenantId: 'ghost',
        periodStart: ts(jan.start),
        periodEnd: ts(jan.end),
      }),
    ).rejects.toMatchObject({ code: Code.NotFound, rawMessage: 'tenant "ghost" not found' });
    await expect(
      h.client.getMarginReport({
        tenantId: 'ghost',
        periodStart: ts(jan.end),
        periodEnd: ts(jan.start),
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'period_end: must be after period_start',
    });
  });
});
