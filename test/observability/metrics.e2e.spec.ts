// Prometheus metrics end to end: each service's own METRICS_PORT scraped
// before and after real traffic, counters checked to the exact delta, and
// every exposition validated by promtool (Prometheus's own parser and linter).
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Code } from '@connectrpc/connect';
import { InvoiceService, UsageService } from '@cascade/contracts';
import {
  BACKENDS,
  Cascade,
  CascadeClients,
  ConnectClients,
  grpcClients,
  promtoolProblems,
  sample,
  scrape,
  SERVICE_NAMES,
  ServiceName,
  startCascade,
} from '../support';
import { Chain, octoberEvents, OCTOBER, seedChain } from './seed-chain';

const RECORD_USAGE = 'cascade.metering.v1.UsageService/RecordUsage';
const CREATE_TENANT = 'cascade.metering.v1.TenantService/CreateTenant';
const RUN_BILLING = 'cascade.invoicing.v1.InvoiceService/RunBilling';

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`metrics on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    let chain: Chain;
    const scrapeAll = async () =>
      Object.fromEntries(
        await Promise.all(
          SERVICE_NAMES.map(async (n) => [n, await scrape(cascade.metricsUrls[n])] as const),
        ),
      ) as Record<ServiceName, string>;

    beforeAll(async () => {
      cascade = await startCascade({ database });
      api = grpcClients(cascade.urls);
      chain = await seedChain(api);
    }, 120_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    test('traffic moves the counters by exactly what happened, on bounded labels only', async () => {
      const before = await scrapeAll();
      // 1,000 events in two batches: 900 new, 100 sent again; then 6 that are refused
      // and 2 sent again with another quantity.
      const first = await api.usage.RecordUsage({ events: octoberEvents('e', 500) });
      const second = await api.usage.RecordUsage({
        events: [...octoberEvents('e', 400, 500), ...octoberEvents('e', 100)],
      });
      const bad = await api.usage.RecordUsage({
        events: [
          ...octoberEvents('x', 3).map((e) => ({ ...e, meter_code: 'no.such.meter' })),
          ...octoberEvents('y', 2).map((e) => ({ ...e, tenant_external_ref: 'nobody' })),
          ...octoberEvents('z', 1).map((e) => ({ ...e, quantity: '-1' })),
          ...octoberEvents('e', 2).map((e) => ({ ...e, quantity: '5' })),
        ],
      });
      expect([
        first.accepted,
        second.accepted,
        second.duplicates,
        bad.rejected.length,
        bad.conflicts,
      ]).toEqual([500, 400, 100, 6, 2]);
      await expect(
        api.tenants.CreateTenant({ external_ref: '', name: 'x', kind: 'TENANT_KIND_PROVIDER' }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      const run = await api.invoices.RunBilling(OCTOBER);
      expect(run.invoice_ids).toHaveLength(2);
      const after = await scrapeAll();

      const delta = (service: ServiceName, name: string, labels: Record<string, string> = {}) =>
        (sample(after[service], name, labels) ?? NaN) -
        (sample(before[service], name, labels) ?? 0);
      const outcome = (o: string) =>
        delta('metering', 'cascade_usage_events_total', { outcome: o });
      expect([outcome('accepted'), outcome('duplicate'), outcome('rejected')]).toEqual([
        900, 100, 6,
      ]);
      expect(outcome('conflict')).toBe(2);
      const reason = (r: string) =>
        delta('metering', 'cascade_usage_rejected_total', { reason: r });
      expect([
        reason('unknown_meter'),
        reason('unknown_tenant'),
        reason('invalid_quantity'),
      ]).toEqual([3, 2, 1]);
      expect(
        delta('metering', 'cascade_rpc_requests_total', { method: RECORD_USAGE, code: 'OK' }),
      ).toBe(3);
      expect(
        delta('metering', 'cascade_rpc_duration_seconds_count', {
          method: RECORD_USAGE,
          code: 'OK',
        }),
      ).toBe(3);
      expect(
        delta('metering', 'cascade_rpc_requests_total', {
          method: CREATE_TENANT,
          code: 'INVALID_ARGUMENT',
        }),
      ).toBe(1);
      expect(
        delta('metering', 'cascade_ingest_batch_duration_seconds_count', { rpc: 'RecordUsage' }),
      ).toBe(3);
      expect(sample(after.metering, 'cascade_rollup_lag_seconds')).toBe(0);

      expect(delta('rating', 'cascade_rating_edges_rated_total')).toBe(2);
      expect(delta('rating', 'cascade_rating_edge_duration_seconds_count')).toBe(2);

      expect(
        delta('invoicing', 'cascade_rpc_requests_total', { method: RUN_BILLING, code: 'OK' }),
      ).toBe(1);
      expect(delta('invoicing', 'cascade_billing_runs_total', { status: 'SUCCEEDED' })).toBe(1);
      expect(sample(after.invoicing, 'cascade_billing_run_edges', { state: 'done' })).toBe(0);
      expect(sample(after.invoicing, 'cascade_invoices', { status: 'DRAFT' })).toBe(2);
      expect(sample(after.invoicing, 'cascade_invoices', { status: 'FINALIZED' })).toBe(0);
      expect(sample(after.invoicing, 'cascade_outbox_depth')).toBeGreaterThanOrEqual(2);

      for (const service of SERVICE_NAMES) {
        const text = after[service];
        expect(promtoolProblems(text)).toEqual([]);
        expect(delta(service, 'cascade_db_query_duration_seconds_count')).toBeGreaterThan(0);
        expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
        expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
        if (database === 'postgres')
          expect(sample(text, 'cascade_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
        // Every sample names its service; none carries a tenant, invoice or event id.
        const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
        expect(samples.filter((l) => !l.includes(`service="${service}"`))).toEqual([]);
        const ids = [chain.provider.id, chain.reseller.id, chain.customer.id, ...run.invoice_ids];
        for (const id of [...ids, 'e-1"', 'cust"']) expect(text).not.toContain(id);
      }
    });

    test('StreamUsage counts each batch it commits, and its events by outcome', async () => {
      const before = await scrape(cascade.metricsUrls.metering);
      const events = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => ({
          id: `s-${from + i}`,
          tenantExternalRef: 'cust',
          meterCode: 'api.calls',
          quantity: '1',
          timestamp: timestampFromDate(new Date(Date.UTC(2026, 9, 2))),
        }));
      async function* batches() {
        yield { batchId: 'b1', events: events(0, 50) };
        // 40 new, 10 sent again.
        yield { batchId: 'b2', events: [...events(50, 40), ...events(0, 10)] };
      }
      const clients = new ConnectClients(cascade.urls);
      const acks: number[][] = [];
      for await (const ack of clients.client('metering', UsageService).streamUsage(batches()))
        acks.push([ack.accepted, ack.duplicates]);
      clients.close();
      expect(acks).toEqual([
        [50, 0],
        [40, 10],
      ]);
      const after = await scrape(cascade.metricsUrls.metering);
      const delta = (name: string, labels: Record<string, string>) =>
        (sample(after, name, labels) ?? NaN) - (sample(before, name, labels) ?? 0);
      expect(delta('cascade_usage_events_total', { outcome: 'accepted' })).toBe(90);
      expect(delta('cascade_usage_events_total', { outcome: 'duplicate' })).toBe(10);
      expect(delta('cascade_ingest_batch_duration_seconds_count', { rpc: 'StreamUsage' })).toBe(2);
      expect(
        delta('cascade_rpc_requests_total', {
          method: 'cascade.metering.v1.UsageService/StreamUsage',
          code: 'OK',
        }),
      ).toBe(1);
    });

    test('a WatchInvoices consumer is counted while it is open, its lag observed per event', async () => {
      const before = await scrape(cascade.metricsUrls.invoicing);
      const head = sample(before, 'cascade_outbox_depth') ?? NaN;
      const clients = new ConnectClients(cascade.urls);
      const watching = new AbortController();
      const stream = clients
        .client('invoicing', InvoiceService)
        .watchInvoices({ afterSequence: 0n }, { signal: watching.signal });
      const sequences: bigint[] = [];
      let during = '';
      // Scraped while the stream is open; then cancelled, and read to its end so the
      // client lets go of its deadline timer.
      await expect(
        (async () => {
          for await (const event of stream) {
            sequences.push(event.sequence);
            if (sequences.length !== head) continue;
            during = await scrape(cascade.metricsUrls.invoicing);
            watching.abort();
          }
        })(),
      ).rejects.toMatchObject({ code: Code.Canceled });
      expect(sequences.at(-1)).toBe(BigInt(head));
      clients.close();
      expect(sample(during, 'cascade_watch_consumers')).toBe(1);
      expect(
        (sample(during, 'cascade_watch_consumer_lag_events_count') ?? NaN) -
          (sample(before, 'cascade_watch_consumer_lag_events_count') ?? 0),
      ).toBe(head);
      // Replayed from 0 in one read: the first event was head - 1 behind, the last 0.
      expect(
        (sample(during, 'cascade_watch_consumer_lag_events_sum') ?? NaN) -
          (sample(before, 'cascade_watch_consumer_lag_events_sum') ?? 0),
      ).toBe((head * (head - 1)) / 2);
    });
  });
}
