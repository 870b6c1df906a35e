import { counter, gauge, histogram } from '@cascade/observability';
import { INVOICE_STATUSES } from '../persistence/invoice.entity';
import { BILLING_RUN_STATUSES, BillingRunStatus } from '../persistence/billing-run.entity';

/** What the scrape-time gauges read from the database; set once it is open. */
export interface InvoicingState {
  invoicesByStatus(): Promise<Map<string, number>>;
  outboxHead(): Promise<bigint>;
}

let state: InvoicingState | undefined;

export function readStateFrom(source: InvoicingState): void {
  state = source;
}

const runEdges = gauge<'state'>({
  name: 'cascade_billing_run_edges',
  help: 'Edges of the billing run in progress: done so far, and total once known (0 when no run is in progress)',
  labelNames: ['state'],
});
runEdges.set({ state: 'done' }, 0);

const runs = counter<'status'>({
  name: 'cascade_billing_runs_total',
  help: 'Billing runs ended, by status (SUCCEEDED, FAILED)',
  labelNames: ['status'],
});
for (const status of BILLING_RUN_STATUSES) runs.inc({ status }, 0);

gauge<'status'>({
  name: 'cascade_invoices',
  help: 'Invoices stored, by status (DRAFT, FINALIZED, PAID, VOID)',
  labelNames: ['status'],
  async collect() {
    if (!state) return;
    const counts = await state.invoicesByStatus();
    for (const status of INVOICE_STATUSES) this.set({ status }, counts.get(status) ?? 0);
  },
});

const unpriced = counter({
  name: 'cascade_unpriced_usage_edges_total',
  help: 'Edges found with usage that no plan prices, by billing runs',
});
unpriced.inc(0);

gauge({
  name: 'cascade_outbox_depth',
  help: 'The highest invoice outbox sequence: how far WatchInvoices consumers have to follow',
  async collect() {
    if (state) this.set(Number(await state.outboxHead()));
  },
});

const consumers = gauge({
  name: 'cascade_watch_consumers',
  help: 'Live WatchInvoices streams',
});

const consumerLag = histogram({
  name: 'cascade_watch_consumer_lag_events',
  help: 'How many outbox events a WatchInvoices consumer is behind the head, observed as it is sent each event',
  buckets: [0, 1, 10, 100, 1_000, 10_000, 100_000],
});

/** The edges counter of the run in progress. */
let edgesDone = 0;
let runsInProgress = 0;

/** Counts each seller → buyer edge once, however many of its meters are unpriced. */
export function unpricedEdgesFound(edges: number): void {
  unpriced.inc(edges);
}

export function billingRunStarted(): void {
  runsInProgress += 1;
}

export function billingRunEdgesSeen(count: number): void {
  edgesDone += count;
  runEdges.set({ state: 'done' }, edgesDone);
}

export function billingRunEnded(status: BillingRunStatus): void {
  runs.inc({ status });
  runsInProgress -= 1;
  if (runsInProgress === 0) {
    edgesDone = 0;
    runEdges.set({ state: 'done' }, 0);
  }
}

export function watchConsumerOpened(): void {
  consumers.inc();
}

export function watchConsumerClosed(): void {
  consumers.dec();
}

/** One event sent to a consumer, `behind` events short of the outbox head. */
export function watchConsumerSent(behind: bigint): void {
  consumerLag.observe(Number(behind < 0n ? 0n : behind));
}
