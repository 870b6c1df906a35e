import { Code } from '@connectrpc/connect';
import { describeEachDatabase, useHarness } from '../testing/harness';

describeEachDatabase('SetSellerProfile', (kind) => {
  const harness = useHarness(kind);

  it('changes only the masked fields', async () => {
    const h = harness();
    h.peers.tenants({ s: 's' });
    await h.client.setSellerProfile({
      tenantId: 's',
      profile: { displayName: 'Acme', invoicePrefix: 'ACME' },
      updateMask: { paths: ['display_name', 'invoice_prefix'] },
    });
    const set = await h.client.setSellerProfile({
      tenantId: 's',
      profile: { displayName: 'ignored', accentColor: '#00AA00' },
      updateMask: { paths: ['accent_color'] },
    });
    expect([set.displayName, set.invoicePrefix, set.accentColor]).toEqual([
      'Acme',
      'ACME',
      '#00aa00',
    ]);
  });

  it('names every bad path and every bad masked field at once, and changes nothing', async () => {
    const h = harness();
    h.peers.tenants({ q: 'q' });
    await expect(
      h.client.setSellerProfile({
        tenantId: 'q',
        profile: { accentColor: 'orange', invoicePrefix: 'acme' },
        updateMask: { paths: ['accent_color', 'colour', 'invoice_prefix', 'updated_at'] },
      }),
    ).rejects.toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        'profile.accent_color: must be a colour as #rrggbb, got "orange"; ' +
        'update_mask: unknown field "colour": one of display_name, logo, accent_color, ' +
        'address, tax_id, invoice_prefix, payment_terms_days; ' +
        'profile.invoice_prefix: must be 1 to 12 of A-Z, 0-9 and -, got "acme"; ' +
        'update_mask: updated_at is set by the service, not by a request',
    });
    const profile = await h.client.getSellerProfile({ tenantId: 'q' });
    expect([profile.accentColor, profile.invoicePrefix]).toEqual(['', '']);
  });
});
