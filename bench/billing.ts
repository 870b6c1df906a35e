/**
 * npm run bench:billing — a full RunBilling over a month on PostgreSQL: provider →
 * 5 distributors → 20 resellers each → 100 customers each (10,000 customers, 10,105
 * edges, every one with a plan), 1,000,000 usage events in the month on two meters.
 * Time and peak RSS of each service during the run, the first run and a re-run
 * (every invoice unchanged), printed as a table. BENCH_FANOUT=5,20,10 and
 * BENCH_EVENTS=100000 scale it down; BENCH_SCALES=10,100 runs the customer level at
 * both sizes to show how memory grows with the number of customers, and
 * BENCH_INVOICING_HEAP_MB=128 caps invoicing's heap (a run that fits proves its live
 * memory does not grow with the tree; RSS above that is the collector's slack).
 */
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { MessageInitShape } from '@bufbuild/protobuf';
import {
  Aggregation,
  BillingModel,
  ChargeModel,
  InvoiceService,
  Interval,
  MeterService,
  PlanService,
  UsageEventSchema,
  UsageService,
} from '@cascade/contracts';
import { peerClient } from '@cascade/platform';
import { Client } from 'pg';
import {
  benchAuth,
  BenchDatabase,
  currentRssMb,
  databaseEnv,
  peakRssMb,
  postgresDatabase,
  printTable,
  RunningService,
  startService,
} from './support';
import { buildTree, pool } from './tree';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const FANOUT = (process.env.BENCH_FANOUT ?? '5,20,100').split(',').map(Number);
const SCALES = (process.env.BENCH_SCALES ?? String(FANOUT[FANOUT.length - 1]))
  .split(',')
  .map(Number);
const BATCH = 5_000;
const IN_FLIGHT = 4;
const MONTH_START = Date.UTC(2026, 9, 1);
const MONTH_END = Date.UTC(2026, 10, 1);
const MONTH_MS = MONTH_END - MONTH_START;
const METERS = ['bench.vcpu', 'bench.gb'];

type Event = MessageInitShape<typeof UsageEventSchema>;

interface Services {
  metering: RunningService;
  rating: RunningService;
  invoicing: RunningService;
}

interface Step {
  step: string;
  seconds: number;
  detail: string;
  rss?: Record<keyof Services, number>;
}

async function startServices(db: BenchDatabase): Promise<Services> {
  const env = databaseEnv(db);
  const metering = await startService('metering', env);
  const rating = await startService('rating', { ...env, METERING_URL: metering.url });
  const heap = process.env.BENCH_INVOICING_HEAP_MB;
  const invoicing = await startService('invoicing', {
    ...env,
    METERING_URL: metering.url,
    RATING_URL: rating.url,
    ...(heap ? { NODE_OPTIONS: `--max-old-space-size=${heap}` } : {}),
  });
  return { metering, rating, invoicing };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

/** Plans for every seller, each buyer assigned its seller's: wholesale, distribution, retail. */
async function priceTheTree(url: string, edges: { seller: string; buyer: string }[], root: string) {
  const plans = peerClient(PlanService, { baseUrl: url, timeoutMs: 120_000, auth: benchAuth });
  const sellers = [...new Set(edges.map((e) => e.seller))];
  const depth = new Map<string, number>([[root, 0]]);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of edges)
      if (depth.has(e.seller) && !depth.has(e.buyer)) {
        depth.set(e.buyer, (depth.get(e.seller) as number) + 1);
        changed = true;
      }
  }
  const planOf = new Map<string, string>();
  await pool(sellers, 8, async (seller) => {
    const level = depth.get(seller) ?? 0;
    const retail = level >= 2;
    const plan = await plans.createPlan({
      sellerTenantId: seller,
      code: `plan-${seller}`,
      name: 'bench',
      currency: 'USD',
      billingModel: level === 0 ? BillingModel.PAYG : BillingModel.SUBSCRIPTION,
      interval: Interval.MONTHLY,
      subscriptionFee: level === 0 ? '' : retail ? '20' : '500',
      charges: [
        level === 1
          ? {
              meterCode: METERS[0],
              model: ChargeModel.VOLUME,
              tiers: [
                { upTo: '10000', unitPrice: '0.015' },
                { upTo: '', unitPrice: '0.012' },
              ],
            }
          : {
              meterCode: METERS[0],
              model: ChargeModel.GRADUATED,
              tiers: [
                { upTo: '1000', unitPrice: retail ? '0.02' : '0.010' },
                { upTo: '', unitPrice: retail ? '0.018' : '0.008' },
              ],
            },
        {
          meterCode: METERS[1],
          model: ChargeModel.PER_UNIT,
          unitPrice: retail ? '0.0002' : '0.0001',
        },
      ],
    });
    planOf.set(seller, plan.id);
  });
  const since = timestampFromDate(new Date(Date.UTC(2026, 0, 1)));
  await pool(edges, 16, async (e) => {
    await plans.assignPlan({
      buyerTenantId: e.buyer,
      planId: planOf.get(e.seller) as string,
      effectiveFrom: since,
    });
  });
  return sellers.length;
}

/** Event n, deterministic: a customer, a meter, an instant in the month. */
function eventAt(n: number, customers: readonly string[]): Event {
  return {
    id: `bill-${n}`,
    tenantExternalRef: customers[n % customers.length],
    meterCode: METERS[n % 2],
    quantity: n % 2 === 0 ? '0.5' : '12.25',
    timestamp: timestampFromDate(new Date(MONTH_START + ((n * 2_654_435_761) % MONTH_MS))),
    resourceId: `vm-${n % 50_000}`,
  };
}

async function ingest(url: string, customers: readonly string[]): Promise<number> {
  const usage = peerClient(UsageService, { baseUrl: url, timeoutMs: 3_600_000, auth: benchAuth });
  let inFlight = 0;
  let release: (() => void) | undefined;
  async function* requests() {
    for (let start = 0; start < EVENTS; start += BATCH) {
      while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve));
      inFlight += 1;
      const events: Event[] = [];
      for (let n = start; n < Math.min(EVENTS, start + BATCH); n++)
        events.push(eventAt(n, customers));
      yield { batchId: String(start / BATCH), events };
    }
  }
  let accepted = 0;
  for await (const ack of usage.streamUsage(requests())) {
    accepted += ack.accepted;
    inFlight -= 1;
    release?.();
  }
  return accepted;
}

/** Samples each service's resident set while `fn` runs; the largest sample per service. */
async function sampledRss<T>(
  services: Services,
  fn: () => Promise<T>,
): Promise<[T, Record<keyof Services, number>]> {
  const peak = { metering: 0, rating: 0, invoicing: 0 };
  const sample = () => {
    for (const name of Object.keys(peak) as (keyof Services)[])
      peak[name] = Math.max(peak[name], currentRssMb(services[name].pid));
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    return [await fn(), peak];
  } finally {
    clearInterval(timer);
    sample();
  }
}

/**
 * RunBilling, and when its first chunk of invoices was saved (read from the run's own
 * progress while it runs): before that, rating prepares the stream.
 */
async function runBilling(url: string) {
  const invoices = peerClient(InvoiceService, {
    baseUrl: url,
    timeoutMs: 3_600_000,
    auth: benchAuth,
  });
  const period = {
    periodStart: timestampFromDate(new Date(MONTH_START)),
    periodEnd: timestampFromDate(new Date(MONTH_END)),
  };
  const since = Date.now() - 1000;
  const started = performance.now();
  let firstChunk: number | undefined;
  let done = false;
  const watch = (async () => {
    while (!done && firstChunk === undefined) {
      const { runs } = await invoices.listBillingRuns(period);
      const current = runs.find(
        (r) => r.startedAt && timestampDate(r.startedAt).getTime() >= since,
      );
      if (current && current.invoicesBilled > 0) firstChunk = (performance.now() - started) / 1000;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const response = await invoices.runBilling(period);
  done = true;
  await watch;
  return { response, firstChunk };
}

async function bench(customersPerReseller: number): Promise<Step[]> {
  const fanout = [...FANOUT.slice(0, -1), customersPerReseller];
  const db = postgresDatabase();
  const services = await startServices(db);
  const steps: Step[] = [];
  try {
    const meters = peerClient(MeterService, { baseUrl: services.metering.url, auth: benchAuth });
    for (const code of METERS)
      await meters.createMeter({ code, name: code, unit: 'unit', aggregation: Aggregation.SUM });
    const [tree, treeSeconds] = await timed(() =>
      buildTree(services.metering.url, fanout, `bill-${customersPerReseller}`),
    );
    steps.push({
      step: 'tenants',
      seconds: treeSeconds,
      detail: `${tree.edges.length + 1} tenants`,
    });
    const [sellers, planSeconds] = await timed(() =>
      priceTheTree(services.rating.url, tree.edges, tree.providerId),
    );
    steps.push({
      step: 'plans and assignments',
      seconds: planSeconds,
      detail: `${sellers} plans, ${tree.edges.length} assignments`,
    });
    const [accepted, ingestSeconds] = await timed(() =>
      ingest(services.metering.url, tree.customers),
    );
    steps.push({
      step: 'usage (StreamUsage)',
      seconds: ingestSeconds,
      detail: `${accepted} events`,
    });
    console.log(
      `${tree.customers.length} customers: tree, plans and ${accepted} events ready; billing the month…`,
    );
    for (const label of ['RunBilling', 'RunBilling again']) {
      const [[{ response, firstChunk }, seconds], rss] = await sampledRss(services, () =>
        timed(() => runBilling(services.invoicing.url)),
      );
      const run = response.run;
      steps.push({
        step: label,
        seconds,
        detail: `${run?.edgesSeen} edges, ${run?.invoicesCreated} created, ${run?.invoicesUnchanged} unchanged; first chunk saved at ${firstChunk?.toFixed(1)} s`,
        rss,
      });
    }
    steps.push({
      step: 'invoicing VmHWM',
      seconds: 0,
      detail: `${peakRssMb(services.invoicing.pid)} MB since start`,
    });
    return steps.map((s) => ({ ...s, step: `${tree.customers.length} customers: ${s.step}` }));
  } finally {
    for (const service of [services.invoicing, services.rating, services.metering])
      await service.stop();
    await dropSchemas(db);
  }
}

async function dropSchemas(db: BenchDatabase): Promise<void> {
  if (db.kind !== 'postgres') return;
  const client = new Client({ connectionString: db.url });
  await client.connect();
  for (const service of ['metering', 'rating', 'invoicing'])
    await client.query(`drop schema if exists "${db.prefix}${service}" cascade`);
  await client.end();
}

async function main(): Promise<void> {
  const steps: Step[] = [];
  for (const scale of SCALES) steps.push(...(await bench(scale)));
  printTable(
    `Billing: ${FANOUT.join(' × ')} tree, ${EVENTS.toLocaleString('en')} events in October 2026, PostgreSQL, 2 cores`,
    ['step', 'seconds', 'what', 'invoicing RSS MB', 'rating RSS MB', 'metering RSS MB'],
    steps.map((s) => [
      s.step,
      s.seconds > 0 ? s.seconds.toFixed(1) : '',
      s.detail,
      s.rss?.invoicing ?? '',
      s.rss?.rating ?? '',
      s.rss?.metering ?? '',
    ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
