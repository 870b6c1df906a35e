import { Dec } from '@cascade/money';
import { combine, foldedOne, HourlyPartial, hourOf } from './rollup';

/**
 * The facts of one meter on one billing edge within one hour: everything the
 * ancestor's child `childId` and its subtree used while under `ancestorId`.
 * `childId === ancestorId` is the ancestor's own use.
 */
export interface EdgePartial extends HourlyPartial {
  meterCode: string;
  ancestorId: string;
  childId: string;
}

/**
 * The rollup keys one fact adds to, from its ancestor path as of its time:
 * "/a/b/c/" adds to a→b, b→c and c's own use c→c.
 */
export function edgesAbove(path: string): [ancestorId: string, childId: string][] {
  const ids = path.split('/').filter((id) => id.length > 0);
  return ids.map((id, i) => [id, ids[i + 1] ?? id]);
}

/** Folds facts into one partial per (meter, edge, hour) they add to. */
export function edgeRollupOf(
  facts: Iterable<{ meterCode: string; path: string; ts: number; quantity: Dec }>,
): EdgePartial[] {
  const rows = new Map<string, EdgePartial>();
  for (const f of facts) {
    const hour = hourOf(f.ts);
    const one = foldedOne(f.quantity);
    for (const [ancestorId, childId] of edgesAbove(f.path)) {
      const key = `${f.meterCode}\u0000${ancestorId}\u0000${childId}\u0000${hour}`;
      const current = rows.get(key);
      rows.set(
        key,
        current
          ? combine(current, one)
          : { meterCode: f.meterCode, ancestorId, childId, hour, ...one },
      );
    }
  }
  return [...rows.values()];
}
