import { timestampFromMs, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { BillingRun } from '@cascade/contracts';

/** The runs seen on the watch so far, with `run` in place of its earlier state (or added). */
export function withRun(seen: readonly BillingRun[], run: BillingRun): BillingRun[] {
  return [...seen.filter((r) => r.id !== run.id), run];
}

/**
 * The listed runs brought up to date by the watched ones: a watched run replaces its
 * listed row (it was read later), one started since the list is added; newest first,
 * the order ListBillingRuns answers in.
 */
export function liveRuns(
  listed: readonly BillingRun[],
  watched: readonly BillingRun[],
): BillingRun[] {
  const byId = new Map(listed.map((r) => [r.id, r]));
  for (const run of watched) byId.set(run.id, run);
  return [...byId.values()].sort(
    (a, b) => ms(b.startedAt) - ms(a.startedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function ms(at: Timestamp | undefined): number {
  return at ? Number(at.seconds) * 1000 + Math.floor(at.nanos / 1e6) : 0;
}

/**
 * The latest instant the listed runs were written at (started, reported or ended), by the
 * service's clock: watching from there misses no change made after the list was read. The
 * epoch when nothing is listed.
 */
export function newestChange(listed: readonly BillingRun[]): Timestamp {
  const instants = listed.flatMap((r) => [r.startedAt, r.progressAt, r.finishedAt]);
  return timestampFromMs(Math.max(0, ...instants.map(ms)));
}
