import { formatDecimal, sum } from '@cascade/money';
import fc from 'fast-check';
import { aggregate } from './aggregate';
import type { Aggregation } from './aggregation';
import { CENTI_HOUR, factOn, windowOn } from './testing/arbitraries';
import { childOf, isAttributedVia, isInSubtree, type TenantPath } from './tenant-path';

const grid = { ticks: 2000, tickMs: CENTI_HOUR };

/** Tenant i > 0 hangs under some tenant j < i, which makes every draw a tree rooted at t0. */
const tree = fc
  .array(fc.nat(), { maxLength: 7 })
  .map((draws) => [null, ...draws.map((draw, i) => draw % (i + 1))]);

function pathsOf(parents: readonly (number | null)[]): TenantPath[] {
  const paths: TenantPath[] = [];
  parents.forEach((parent, i) => {
    paths.push(parent === null ? [`t${i}`] : [...paths[parent], `t${i}`]);
  });
  return paths;
}

const usage = tree.chain((parents) => {
  const paths = pathsOf(parents);
  const attributed = fc.record({
    tenant: fc.nat(paths.length - 1),
    fact: factOn(grid, 10_000, ['r1', 'r2']),
  });
  return fc.tuple(
    fc.constant(paths),
    fc.uniqueArray(
      attributed.map(({ tenant, fact }) => ({
        // Resources belong to one tenant, so a gauge never spans two of them.
        fact: { ...fact, resourceId: `t${tenant}/${fact.resourceId}` },
        path: paths[tenant],
      })),
      { maxLength: 40, selector: (u) => u.fact.eventId },
    ),
  );
});

describe('subtree totals: conservation down the tree', () => {
  const additive: Aggregation[] = ['SUM', 'COUNT', 'TIME_WEIGHTED'];

  it.each(additive)('%s of a subtree is own use plus the children’s subtrees', (aggregation) => {
    fc.assert(
      fc.property(usage, windowOn(grid), ([paths, records], window) => {
        const total = (keep: (path: TenantPath) => boolean) =>
          aggregate(
            aggregation,
            records.filter((r) => keep(r.path)).map((r) => r.fact),
            window,
          );
        for (const path of paths) {
          const id = path[path.length - 1];
          const children = paths.filter((p) => p.length === path.length + 1 && p.includes(id));
          const subtree = (of: string) => total((p) => isInSubtree(p, of));
          const own = total((p) => childOf(p, id) === id);
          for (const child of children.map((p) => p[p.length - 1])) {
            const viaEdge = formatDecimal(total((p) => isAttributedVia(p, id, child)));
            expect(viaEdge).toBe(formatDecimal(subtree(child)));
            expect(formatDecimal(total((p) => childOf(p, id) === child))).toBe(viaEdge);
          }
          const parts = sum([own, ...children.map((p) => subtree(p[p.length - 1]))]);
          expect(formatDecimal(subtree(id))).toBe(formatDecimal(parts));
        }
      }),
    );
  });
});
