/**
 * The console's tree page at installation scale: BENCH_CUSTOMERS customers (default
 * 10,000) under BENCH_CHILDREN resellers (default 100) of one distributor, imported
 * with ImportTenants, BENCH_EVENTS usage events in October 2026 (default 20,000); then
 * the real services, the console server and headless Chromium. Each of BENCH_RUNS
 * navigations (default 10, after one warm-up) opens the distributor's tenant page and
 * is timed in the page, from navigation start to both 100-row tables drawn (children,
 * and usage per child from one SummarizeTree); the SummarizeTree call itself is timed
 * from the browser (through the console server) and straight to metering.
 * BENCH_DATABASE=postgres runs the services on PostgreSQL (default SQLite).
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  MeterService,
  TenantKind,
  TenantService,
  UsageService,
  type TenantImportRow,
} from '@cascade/contracts';
import type { Page } from 'playwright-core';
import { launchChromium, newContext } from '../test/console/browser';
import { startConsole } from '../test/console/console-process';
import { startCascade } from '../test/support/cascade';
import { ConnectClients } from '../test/support/connect-clients';
import { percentile, printTable } from './support';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DATABASE = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
/** ImportTenants takes at most 10,000 rows a call. */
const IMPORT_BATCH = 5_000;
const EVENT_BATCH = 5_000;
const OCTOBER = { start: new Date(Date.UTC(2026, 9, 1)), end: new Date(Date.UTC(2026, 10, 1)) };

/** Provider › distributor › CHILDREN resellers › CUSTOMERS customers spread over them. */
function treeRows(): { rows: TenantImportRow[]; customers: string[] } {
  const row = (ref: string, parent: string, kind: TenantKind) =>
    ({ externalRef: ref, parentExternalRef: parent, name: ref, kind, currency: 'USD' }) as const;
  const rows: TenantImportRow[] = [
    row('provider', '', TenantKind.PROVIDER),
    row('distributor', 'provider', TenantKind.DISTRIBUTOR),
  ] as TenantImportRow[];
  for (let r = 0; r < CHILDREN; r++)
    rows.push(row(`reseller-${r}`, 'distributor', TenantKind.RESELLER) as TenantImportRow);
  const customers: string[] = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    customers.push(`customer-${c}`);
    rows.push(
      row(`customer-${c}`, `reseller-${c % CHILDREN}`, TenantKind.CUSTOMER) as TenantImportRow,
    );
  }
  return { rows, customers };
}

async function seed(api: ConnectClients): Promise<string> {
  const tenants = api.client('metering', TenantService);
  const { rows, customers } = treeRows();
  for (let i = 0; i < rows.length; i += IMPORT_BATCH)
    await tenants.importTenants({ tenants: rows.slice(i, i + IMPORT_BATCH) });
  await api.client('metering', MeterService).createMeter({
    code: 'bench.calls',
    name: 'calls',
    unit: 'call',
    aggregation: Aggregation.SUM,
  });
  const usage = api.client('metering', UsageService);
  const month = OCTOBER.end.getTime() - OCTOBER.start.getTime();
  for (let start = 0; start < EVENTS; start += EVENT_BATCH) {
    const events = [];
    for (let n = start; n < Math.min(EVENTS, start + EVENT_BATCH); n++)
      events.push({
        id: `c-${n}`,
        tenantExternalRef: customers[n % customers.length],
        meterCode: 'bench.calls',
        quantity: '1',
        resourceId: `vm-${n}`,
        timestamp: timestampFromDate(
          new Date(OCTOBER.start.getTime() + ((n * 2_654_435_761) % month)),
        ),
      });
    const ack = await usage.recordUsage({ events });
    if (ack.rejected.length > 0) throw new Error(`usage: ${ack.rejected[0].reason}`);
  }
  return (await tenants.getTenant({ externalRef: 'distributor' })).id;
}

function summarizeRequest(tenantId: string) {
  return {
    tenantId,
    from: timestampFromDate(OCTOBER.start),
    to: timestampFromDate(OCTOBER.end),
    pageSize: CHILDREN,
  };
}

/** Waits until every event counts in the distributor's subtree (rollups may trail the ack). */
async function settled(api: ConnectClients, tenantId: string): Promise<void> {
  const usage = api.client('metering', UsageService);
  for (let tries = 0; tries < 600; tries++) {
    const summary = await usage.summarizeTree(summarizeRequest(tenantId));
    if (summary.subtree.find((t) => t.meterCode === 'bench.calls')?.quantity === String(EVENTS))
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the usage never added up in SummarizeTree');
}

interface Sample {
  drawn: number;
  summarize: number;
  /** What the page fetched, ms from navigation start: the waterfall of this navigation. */
  fetched: { name: string; start: number; end: number }[];
}

/** One navigation: ms from navigation start until both tables hold CHILDREN rows. */
async function openLevel(page: Page, url: string): Promise<Sample> {
  await page.goto(url);
  const drawn = await page.waitForFunction(
    (rows) => {
      const count = (label: string) =>
        document.querySelectorAll(`[aria-label="${label}"] tbody tr`).length;
      return count('Children') === rows && count('Usage per child') === rows
        ? performance.now()
        : false;
    },
    CHILDREN,
    { polling: 'raf', timeout: 60_000 },
  );
  const fetched = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({
      name: new URL(e.name).pathname.split('/').pop() ?? e.name,
      start: e.startTime,
      end: (e as PerformanceResourceTiming).responseEnd,
    })),
  );
  const summarize = fetched.find((e) => e.name === 'SummarizeTree');
  return {
    drawn: (await drawn.jsonValue()) as number,
    summarize: summarize ? summarize.end - summarize.start : NaN,
    fetched,
  };
}

async function direct(api: ConnectClients, tenantId: string): Promise<number[]> {
  const usage = api.client('metering', UsageService);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await usage.summarizeTree(summarizeRequest(tenantId));
    times.push(performance.now() - started);
  }
  return times;
}

function row(what: string, samples: number[]): (string | number)[] {
  const sorted = [...samples].sort((a, b) => a - b);
  return [
    what,
    sorted.length,
    percentile(sorted, 50).toFixed(0),
    percentile(sorted, 95).toFixed(0),
    sorted[sorted.length - 1].toFixed(0),
  ];
}

async function main(): Promise<void> {
  const cascade = await startCascade({ database: DATABASE });
  const api = new ConnectClients(cascade.urls, cascade.adminToken);
  try {
    const seeding = performance.now();
    const distributor = await seed(api);
    await settled(api, distributor);
    console.log(
      `${CUSTOMERS + CHILDREN + 2} tenants and ${EVENTS} events in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const [server, browser] = await Promise.all([startConsole(cascade), launchChromium()]);
    try {
      const page = await (await newContext(browser)).newPage();
      await page.goto(server.url);
      await page.getByLabel('API key or operator token').fill(cascade.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      const level = `${server.url}/tenants/${distributor}?period=2026-10`;
      await openLevel(page, level); // warm-up: the bundle cached, the connections open
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await openLevel(page, level));
      printTable(
        `The distributor's tenant page: ${CHILDREN} children, ${CUSTOMERS.toLocaleString('en')} customers, ${EVENTS.toLocaleString('en')} events, ${DATABASE}, headless Chromium, ${RUNS} navigations after one warm-up`,
        ['measured', 'runs', 'p50 ms', 'p95 ms', 'max ms'],
        [
          row(
            `navigation → ${CHILDREN} rows drawn`,
            samples.map((s) => s.drawn),
          ),
          row(
            'SummarizeTree from the page',
            samples.map((s) => s.summarize),
          ),
          row('SummarizeTree straight to metering', await direct(api, distributor)),
        ],
      );
      const median = [...samples].sort((a, b) => a.drawn - b.drawn)[Math.floor(RUNS / 2)];
      printTable(
        `Where the median navigation's ${median.drawn.toFixed(0)} ms went (ms from navigation start)`,
        ['fetched', 'start', 'end'],
        median.fetched.map((f) => [f.name, f.start.toFixed(0), f.end.toFixed(0)]),
      );
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    api.close();
    await cascade.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
