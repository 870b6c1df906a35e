import { ids, month, runBilling } from '../testing/fixtures';
import { useHarness } from '../testing/harness';
import { describeOnPostgres } from '@cascade/platform/testing';

const JAN = month(2026, 1);
const COUNT = 1000;
// Enough callers to race on the seller's number at every step, few enough that
// none waits out the pool's acquire timeout on a loaded CI machine.
const IN_FLIGHT = 100;
// Quiet, the test takes about 20 s; beside a container build on 2 cores, several times that.
const TIMEOUT_MS = 600_000;

/** Calls `call` on every item, at most `width` at a time, results in item order. */
async function inFlight<T, R>(items: T[], width: number, call: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await call(items[i]);
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

describeOnPostgres('Finalizing 1,000 invoices of one seller, 100 at a time [PostgreSQL]', () => {
  const harness = useHarness('postgres');

  it(
    'numbers them 1..1000 with no gap and no repeat',
    async () => {
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

      const finalized = await inFlight(drafts, IN_FLIGHT, (d) =>
        h.client.finalizeInvoice({ id: d.id }, { timeoutMs: TIMEOUT_MS }),
      );

      const sequences = finalized
        .map((f) => Number(f.number.slice(`INV-${s}-`.length)))
        .sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
      const stored = (await h.client.listInvoices({ sellerTenantId: s, pageSize: COUNT })).invoices;
      expect(new Set(stored.map((i) => i.number)).size).toBe(COUNT);
      expect(stored.every((i) => i.number.startsWith(`INV-${s}-`))).toBe(true);
    },
    TIMEOUT_MS,
  );
});
