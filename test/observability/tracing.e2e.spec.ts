// OpenTelemetry end to end: a billing run called with the client's own W3C
// traceparent is one trace across invoicing → rating → metering, exported by
// OTLP/HTTP to a receiver of the test's own, every span under the right parent.
import { randomBytes } from 'node:crypto';
import { waitFor } from '@cascade/plugin-sdk/testing';
import {
  Cascade,
  CascadeClients,
  grpcClients,
  OtlpReceiver,
  ReceivedSpan,
  startCascade,
  startOtlpReceiver,
} from '../support';
import { octoberEvents, OCTOBER, seedChain } from './seed-chain';

const SERVER = 2;
const CLIENT = 3;

describe('tracing a billing run', () => {
  let receiver: OtlpReceiver;
  let cascade: Cascade;
  let api: CascadeClients;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    cascade = await startCascade({
      database: 'sqlite',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '50' },
    });
    api = grpcClients(cascade.urls);
    await seedChain(api);
    await api.usage.RecordUsage({ events: octoberEvents('t', 10) });
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await cascade?.stop();
    await receiver?.close();
  }, 60_000);

  test('one trace holds spans of all three services, each under its caller', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const run = await api.invoices.RunBilling(OCTOBER, {
      metadata: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(run.invoice_ids).toHaveLength(2);

    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const named = (service: string, name: string, kind: number) =>
      inTrace().find((s) => s.service === service && s.name === name && s.kind === kind);
    const root = await waitFor('the RunBilling span', () =>
      named('invoicing', 'cascade.invoicing.v1.InvoiceService/RunBilling', SERVER),
    );
    expect(root.parentSpanId).toBe(callerSpan);
    expect(root.attributes['rpc.grpc.status_code_name']).toBe('OK');

    const byId = (id: string) => inTrace().find((s) => s.spanId === id);
    /** The chain of span names from `span` up to the caller's span. */
    const ancestry = (span: ReceivedSpan): string[] => {
      const parent = byId(span.parentSpanId);
      return parent ? [`${parent.service} ${parent.name}`, ...ancestry(parent)] : [];
    };

    // invoicing calls rating's RateTree: a CLIENT span under RunBilling, the SERVER span under it.
    const rateTree = 'cascade.rating.v1.RatingService/RateTree';
    const rated = await waitFor('rating’s RateTree span', () => named('rating', rateTree, SERVER));
    const rateTreeCall = byId(rated.parentSpanId);
    expect(rateTreeCall).toMatchObject({ service: 'invoicing', name: rateTree, kind: CLIENT });
    expect(ancestry(rated).at(-1)).toBe('invoicing cascade.invoicing.v1.InvoiceService/RunBilling');

    // rating asks metering for the billing edges and their usage, inside RateTree.
    const metered = await waitFor('a metering span under RateTree', () =>
      inTrace().find(
        (s) =>
          s.service === 'metering' &&
          s.kind === SERVER &&
          ancestry(s).includes(`rating ${rateTree}`),
      ),
    );
    expect(byId(metered.parentSpanId)).toMatchObject({
      service: 'rating',
      name: metered.name,
      kind: CLIENT,
    });
    expect(ancestry(metered).at(-1)).toBe(
      'invoicing cascade.invoicing.v1.InvoiceService/RunBilling',
    );

    // Statements are spans of the call that ran them, in every service.
    for (const service of ['metering', 'rating', 'invoicing']) {
      const statement = await waitFor(`a database span of ${service}`, () =>
        inTrace().find((s) => s.service === service && s.attributes['db.system'] === 'sqlite'),
      );
      expect(statement.kind).toBe(CLIENT);
      expect(byId(statement.parentSpanId)?.service).toBe(service);
    }
    // Every span of the trace hangs off the caller's span: nothing is orphaned.
    for (const span of inTrace()) expect(ancestry(span).length > 0 || span === root).toBe(true);
  });
});
