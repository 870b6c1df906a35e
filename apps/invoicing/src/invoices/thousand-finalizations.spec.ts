import { ids, month, runBilling } from '../testing/fixtures';
import { useHarness } from '../testing/harness';
import { describeOnPostgres } from '@cascade/platform/testing';

const JAN = month(2026, 1);
const COUNT = 1000;

describeOnPostgres('Finalizing 1,000 invoices of one seller at once [PostgreSQL]', () => {
  const harness = useHarness('postgres');

  it('numbers them 1..1000 with no gap and no repeat', async () => {
    const h = harness();
    const { s } = ids('s');
    h.peers.reset();
    for (let i = 0; i < COUNT; i += 1)
      h.peers.edge(s, `${s}-b${String(i).padStart(4, '0')}`, JAN.start, JAN.end, {
        billingModel: 'SUBSCRIPTION',
        fee: '1',
      });
    // One run writes the 1,000 drafts in two chunks.
    const { run } = await runBilling(h, JAN);
    expect(run).toMatchObject({ invoicesCreated: COUNT });
    const drafts = (await h.client.listInvoices({ sellerTenantId: s, pageSize: COUNT })).invoices;
    expect(drafts).toHaveLength(COUNT);

    const finalized = await Promise.all(
      drafts.map((d) => h.client.finalizeInvoice({ id: d.id }, { timeoutMs: 120_000 })),
    );

    const sequences = finalized
      .map((f) => Number(f.number.slice(`INV-${s}-`.length)))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    const stored = (await h.client.listInvoices({ sellerTenantId: s, pageSize: COUNT })).invoices;
    expect(new Set(stored.map((i) => i.number)).size).toBe(COUNT);
    expect(stored.every((i) => i.number.startsWith(`INV-${s}-`))).toBe(true);
  }, 120_000);
});
