import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The one registry of this process: every metric is `cascade_…` (or prom-client's
 * process_/nodejs_ defaults) and carries the `service` label as a default label.
 */
export const registry = new Registry();

let labelled = false;

/** Names the service on every metric and starts the process metrics; once per process. */
export function labelRegistry(service: string): void {
  if (labelled) return;
  labelled = true;
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
}

/** Latency buckets in seconds: 1 ms to 30 s. */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

type Labels<L extends string> = { name: string; help: string; labelNames?: readonly L[] };

export function counter<L extends string = never>(options: Labels<L>): Counter<L> {
  return new Counter<L>({ ...options, registers: [registry] });
}

export function gauge<L extends string = never>(
  options: Labels<L> & { collect?: (this: Gauge<L>) => void | Promise<void> },
): Gauge<L> {
  return new Gauge<L>({ ...options, registers: [registry] });
}

export function histogram<L extends string = never>(
  options: Labels<L> & { buckets?: number[] },
): Histogram<L> {
  return new Histogram<L>({ buckets: LATENCY_BUCKETS, ...options, registers: [registry] });
}

/** Seconds since `start` (a process.hrtime.bigint() reading), for histograms. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
