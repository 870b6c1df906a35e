import type { ParentHistory } from './parent-history';
import type { TenantPath } from './tenant-path';

/** Facts in [from, to) on `oldPath` (the tenant's own path then) move to `newPath`. */
export interface RepathSegment {
  readonly from: Date;
  /** Null: open-ended. */
  readonly to: Date | null;
  readonly oldPath: TenantPath;
  readonly newPath: TenantPath;
}

type Histories = (tenantId: string) => ParentHistory | undefined;

/** Parent at an instant; before a tenant's first period its first parent applies. */
function parentAt(history: ParentHistory, t: number): string | null {
  const hit = history.find((p) => p.from.getTime() <= t && (p.to === null || t < p.to.getTime()));
  return (hit ?? history[0])?.parentId ?? null;
}

function pathAt(tenantId: string, t: number, historyOf: Histories): TenantPath {
  const ids: string[] = [];
  for (let id: string | null = tenantId; id !== null && ids.length < 10_000;) {
    ids.unshift(id);
    id = parentAt(historyOf(id) ?? [], t);
  }
  return ids;
}

/**
 * What a move re-paths, as stretches of time: from `effectiveAt` on, the
 * moved tenant's path before the move and after it, as of each instant. Both
 * chains can change later than `effectiveAt` — an ancestor on either side
 * moved at a later time already — so the facts are re-pathed stretch by
 * stretch between those instants (`changes`: every instant a parent period
 * starts), never with today's chain for all of them.
 */
export function repathSegments(
  tenantId: string,
  effectiveAt: Date,
  before: Histories,
  after: Histories,
  changes: Iterable<number>,
): RepathSegment[] {
  const start = effectiveAt.getTime();
  const points = [...new Set([start, ...[...changes].filter((t) => t > start)])].sort(
    (a, b) => a - b,
  );
  const segments: RepathSegment[] = [];
  const same = (a: TenantPath, b: TenantPath) =>
    a.length === b.length && a.every((id, i) => id === b[i]);
  points.forEach((t, i) => {
    const oldPath = pathAt(tenantId, t, before);
    const newPath = pathAt(tenantId, t, after);
    const to = i + 1 < points.length ? new Date(points[i + 1]) : null;
    const last = segments.at(-1);
    if (last && same(last.oldPath, oldPath) && same(last.newPath, newPath))
      segments[segments.length - 1] = { ...last, to };
    else segments.push({ from: new Date(t), to, oldPath, newPath });
  });
  return segments.filter((s) => !same(s.oldPath, s.newPath));
}
