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
    (a, b) => millis(b) - millis(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function millis(run: BillingRun): number {
  const at = run.startedAt;
  return at ? Number(at.seconds) * 1000 + Math.floor(at.nanos / 1e6) : 0;
}
