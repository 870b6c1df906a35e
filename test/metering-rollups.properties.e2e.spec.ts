// Every rollup-backed read equals a brute-force fold of the facts: random
// ingest (with resends and conflicting resends of ids), moves and late events
// against the real metering service, on both databases. The model below keeps
// the facts the way the product rules say they count (the first payload of an
// id wins) with their chain as of each event's time, and answers every
// question by scanning all of them.
import fc from 'fast-check';
import { Dec, ZERO } from '@cascade/money';
import {
  BACKENDS,
  Cascade,
  CascadeClients,
  grpcClients,
  Message,
  startCascade,
  timestamp,
} from './support';

const MARCH_START = Date.parse('2026-03-01T00:00:00Z');
const MARCH = { from: timestamp('2026-03-01T00:00:00Z'), to: timestamp('2026-04-01T00:00:00Z') };
const MINUTE = 60_000;
const AGGREGATIONS = ['SUM', 'COUNT', 'MAX'] as const;
type Kind = (typeof AGGREGATIONS)[number];

/** The tree each run starts from, by index: 0 the root, then parents before children. */
const SHAPE: { name: string; parent: number | null }[] = [
  { name: 'p', parent: null },
  { name: 'd1', parent: 0 },
  { name: 'd2', parent: 0 },
  { name: 'r1', parent: 1 },
  { name: 'r2', parent: 2 },
  { name: 'c1', parent: 3 },
  { name: 'c2', parent: 3 },
  { name: 'c3', parent: 4 },
];

interface EventDraft {
  id: number;
  tenant: number;
  meter: number;
  /** Thousandths. */
  milli: number;
  /** Minutes into March. */
  minute: number;
}

type Command =
  | { kind: 'ingest'; events: EventDraft[] }
  | { kind: 'move'; tenant: number; parent: number; minute: number };

const draft = fc.record({
  id: fc.integer({ min: 0, max: 24 }),
  tenant: fc.integer({ min: 0, max: SHAPE.length - 1 }),
  meter: fc.integer({ min: 0, max: AGGREGATIONS.length - 1 }),
  milli: fc.integer({ min: 0, max: 99_999 }),
  minute: fc.integer({ min: 0, max: 31 * 24 * 60 - 1 }),
});
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('ingest' as const),
      events: fc.array(draft, { minLength: 1, maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      tenant: fc.integer({ min: 1, max: SHAPE.length - 1 }),
      parent: fc.integer({ min: 0, max: SHAPE.length - 1 }),
      minute: fc.integer({ min: 0, max: 31 * 24 * 60 - 1 }),
    }),
  },
);

/** Parents over time and the facts that count, as the product rules say. */
class Model {
  readonly history: { parent: number | null; from: number }[][] = SHAPE.map((s) => [
    { parent: s.parent, from: 0 },
  ]);
  readonly facts = new Map<number, EventDraft & { path: number[] }>();

  parentAt(tenant: number, ms: number): number | null {
    const periods = this.history[tenant].filter((p) => p.from <= ms);
    return periods[periods.length - 1].parent;
  }

  /** Root first, the tenant last; undefined when the parents at that instant form a cycle. */
  pathAt(tenant: number, ms: number, seen: number[] = []): number[] | undefined {
    if (seen.includes(tenant)) return undefined;
    const parent = this.parentAt(tenant, ms);
    if (parent === null) return [tenant];
    const above = this.pathAt(parent, ms, [...seen, tenant]);
    return above && [...above, tenant];
  }

  private path(tenant: number, ms: number): number[] {
    return this.pathAt(tenant, ms) as number[];
  }

  /**
   * A tenant's moves come in the order of their effective times, as metering
   * requires; across tenants any order goes — an ancestor's move may take
   * effect before a descendant's move already made, or after it. Moves that
   * would make the parents at some instant form a cycle are left out.
   */
  canMove(c: Extract<Command, { kind: 'move' }>): boolean {
    const at = MARCH_START + c.minute * MINUTE;
    const now = Number.MAX_SAFE_INTEGER;
    const periods = this.history[c.tenant];
    if (!(at > periods[periods.length - 1].from)) return false;
    if (this.parentAt(c.tenant, now) === c.parent || this.path(c.parent, now).includes(c.tenant))
      return false;
    periods.push({ parent: c.parent, from: at });
    const instants = [at, ...this.history.flatMap((h) => h.map((p) => p.from))];
    const acyclic = instants.every((ms) => SHAPE.every((_, t) => this.pathAt(t, ms) !== undefined));
    periods.pop();
    return acyclic;
  }

  move(c: Extract<Command, { kind: 'move' }>): void {
    const at = MARCH_START + c.minute * MINUTE;
    this.history[c.tenant].push({ parent: c.parent, from: at });
    for (const [id, fact] of this.facts)
      if (fact.minute * MINUTE + MARCH_START >= at)
        this.facts.set(id, {
          ...fact,
          path: this.path(fact.tenant, MARCH_START + fact.minute * MINUTE),
        });
  }

  /** What metering must answer for a batch: the first payload of an id counts. */
  ingest(events: readonly EventDraft[]): {
    accepted: number;
    duplicates: number;
    conflicts: number;
  } {
    const outcome = { accepted: 0, duplicates: 0, conflicts: 0 };
    for (const e of events) {
      const first = this.facts.get(e.id);
      if (!first) {
        this.facts.set(e.id, {
          ...e,
          path: this.path(e.tenant, MARCH_START + e.minute * MINUTE),
        });
        outcome.accepted += 1;
      } else if (
        first.tenant === e.tenant &&
        first.meter === e.meter &&
        first.milli === e.milli &&
        first.minute === e.minute
      )
        outcome.duplicates += 1;
      else outcome.conflicts += 1;
    }
    return outcome;
  }

  /** Brute force: fold every fact that passes `keep`. */
  value(
    meter: number,
    keep: (f: { path: number[]; tenant: number; minute: number }) => boolean,
  ): string {
    const quantities = [...this.facts.values()]
      .filter((f) => f.meter === meter && keep(f))
      .map((f) => new Dec(f.milli).div(1000));
    const kind: Kind = AGGREGATIONS[meter];
    if (kind === 'COUNT') return String(quantities.length);
    if (kind === 'SUM') return quantities.reduce((a, q) => a.plus(q), ZERO).toFixed();
    return quantities.reduce((a, q) => Dec.max(a, q), ZERO).toFixed();
  }
}

const DAY = 24 * 60;
/**
 * A move under a tenant whose ancestor moved later, and a move out from under
 * one: r1 goes from d1 to d2 on the 20th, then c3 moves under r1 from the
 * 10th and c1 out from under r1 from the 5th. c3's usage of the 15th is
 * d1's (r1 was still under d1), not d2's; c1's of the 25th leaves d2, not d1.
 */
const OUT_OF_ORDER_MOVES: Command[] = [
  {
    kind: 'ingest',
    events: [
      { id: 1, tenant: 7, meter: 0, milli: 1500, minute: 14 * DAY + 60 },
      { id: 2, tenant: 7, meter: 2, milli: 2500, minute: 14 * DAY + 90 },
      { id: 3, tenant: 7, meter: 0, milli: 700, minute: 24 * DAY },
      { id: 4, tenant: 5, meter: 0, milli: 300, minute: 6 * DAY },
      { id: 5, tenant: 5, meter: 1, milli: 900, minute: 24 * DAY + 5 },
    ],
  },
  { kind: 'move', tenant: 3, parent: 2, minute: 19 * DAY },
  { kind: 'move', tenant: 7, parent: 3, minute: 9 * DAY },
  { kind: 'move', tenant: 5, parent: 1, minute: 4 * DAY },
  {
    kind: 'ingest',
    events: [{ id: 6, tenant: 7, meter: 0, milli: 100, minute: 12 * DAY }],
  },
];

const hasEdge = (path: number[], seller: number, buyer: number) =>
  path.some((id, i) => id === seller && path[i + 1] === buyer);

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`edge rollups against a brute-force fold of the facts on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    let run = 0;
    const meterCodes = AGGREGATIONS.map((a) => `prop.${a.toLowerCase()}`);

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering'] });
      api = grpcClients(cascade.urls);
      for (const [i, aggregation] of AGGREGATIONS.entries())
        await api.meters.CreateMeter({
          code: meterCodes[i],
          name: aggregation,
          unit: 'u',
          aggregation: `AGGREGATION_${aggregation}`,
        });
    }, 120_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    const decimal = (value: string) => new Dec(value || '0').toFixed();

    test('QueryUsage (subtree, own use, edge, groups, series, ragged windows), ListEdgeUsage and SummarizeTree', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
          run += 1;
          const ids: string[] = [];
          for (const s of SHAPE) {
            const created: Message = await api.tenants.CreateTenant({
              parent_id: s.parent === null ? '' : ids[s.parent],
              external_ref: `prop-${run}-${s.name}`,
              name: s.name,
              kind: s.parent === null ? 'TENANT_KIND_PROVIDER' : 'TENANT_KIND_CUSTOMER',
              currency: 'USD',
            });
            ids.push(created.id as string);
          }
          const index = new Map(ids.map((id, i) => [id, i]));
          const model = new Model();
          for (const c of commands) {
            if (c.kind === 'move') {
              if (!model.canMove(c)) continue;
              await api.tenants.MoveTenant({
                id: ids[c.tenant],
                new_parent_id: ids[c.parent],
                effective_at: timestamp(new Date(MARCH_START + c.minute * MINUTE).toISOString()),
              });
              model.move(c);
              continue;
            }
            const answer = await api.usage.RecordUsage({
              events: c.events.map((e) => ({
                id: `r${run}-e${e.id}`,
                tenant_id: ids[e.tenant],
                meter_code: meterCodes[e.meter],
                quantity: new Dec(e.milli).div(1000).toFixed(),
                timestamp: timestamp(new Date(MARCH_START + e.minute * MINUTE).toISOString()),
              })),
            });
            expect({
              accepted: answer.accepted ?? 0,
              duplicates: answer.duplicates ?? 0,
              conflicts: answer.conflicts ?? 0,
            }).toEqual(model.ingest(c.events));
          }

          const ragged = {
            from: timestamp('2026-03-09T10:30:00Z'),
            to: timestamp('2026-03-20T15:45:30Z'),
          };
          const inRagged = (minute: number) => {
            const ms = MARCH_START + minute * MINUTE;
            return (
              ms >= Date.parse('2026-03-09T10:30:00Z') && ms < Date.parse('2026-03-20T15:45:30Z')
            );
          };
          for (const [meter, code] of meterCodes.entries()) {
            const query = (extra: Message) =>
              api.usage.QueryUsage({ meter_code: code, ...MARCH, ...extra });
            for (const [t, id] of ids.entries()) {
              const subtree = await query({ tenant_id: id, include_descendants: true });
              const own = await query({ tenant_id: id });
              expect([decimal(subtree.total), decimal(own.total)]).toEqual([
                model.value(meter, (f) => f.path.includes(t)),
                model.value(meter, (f) => f.tenant === t),
              ]);
            }
            // Every edge that ever existed, from the parent histories.
            const edges = model.history.flatMap((periods, buyer) =>
              periods
                .filter((p) => p.parent !== null)
                .map((p) => [p.parent as number, buyer] as const),
            );
            for (const [seller, buyer] of edges) {
              const edge = await query({
                tenant_id: ids[buyer],
                attributed_parent_id: ids[seller],
                include_descendants: true,
              });
              expect(decimal(edge.total)).toBe(
                model.value(meter, (f) => hasEdge(f.path, seller, buyer)),
              );
            }
            const listed = await api.usage.ListEdgeUsage({ meter_code: code, ...MARCH });
            const ours = (listed.edges as Message[])
              .filter((e) => index.has(e.buyer_tenant_id as string))
              .map(
                (e) =>
                  `${index.get(e.seller_tenant_id as string)}→${index.get(e.buyer_tenant_id as string)}=${decimal(e.quantity as string)}`,
              )
              .sort();
            const expectedEdges = [...new Set(edges.map(([s, b]) => `${s}→${b}`))]
              .map((key) => key.split('→').map(Number))
              .filter(([s, b]) =>
                [...model.facts.values()].some((f) => f.meter === meter && hasEdge(f.path, s, b)),
              )
              .map(([s, b]) => `${s}→${b}=${model.value(meter, (f) => hasEdge(f.path, s, b))}`)
              .sort();
            expect(ours).toEqual(expectedEdges);

            const grouped = await query({
              tenant_id: ids[0],
              include_descendants: true,
              group_by: 'GROUP_BY_CHILD_TENANT',
              granularity: 'GRANULARITY_DAY',
            });
            const groupKeys = [
              ...new Set(
                [...model.facts.values()]
                  .filter((f) => f.meter === meter)
                  .map((f) => f.path[1] ?? 0),
              ),
            ];
            expect(
              (grouped.groups as Message[]).map((g) => [
                index.get(g.key as string),
                decimal(g.value as string),
              ]),
            ).toEqual(
              groupKeys
                .sort((a, b) => (ids[a] < ids[b] ? -1 : 1))
                .map((child) => [child, model.value(meter, (f) => (f.path[1] ?? 0) === child)]),
            );
            expect((grouped.series as Message[]).map((p) => decimal(p.value as string))).toEqual(
              Array.from({ length: 31 }, (_, day) =>
                model.value(meter, (f) => Math.floor(f.minute / (24 * 60)) === day),
              ),
            );
            const raggedTotal = await api.usage.QueryUsage({
              tenant_id: ids[1],
              meter_code: code,
              ...ragged,
              include_descendants: true,
            });
            expect(decimal(raggedTotal.total)).toBe(
              model.value(meter, (f) => f.path.includes(1) && inRagged(f.minute)),
            );
          }

          for (const node of [0, 1, 3]) {
            const summary = await api.usage.SummarizeTree({
              tenant_id: ids[node],
              ...MARCH,
              meter_codes: meterCodes,
            });
            const totals = (list: Message[]) => list.map((m) => decimal(m.quantity as string));
            const children = [
              ...new Set(
                model.history.flatMap((periods, t) =>
                  periods.some((p) => p.parent === node) ? [t] : [],
                ),
              ),
            ];
            expect({
              own: totals(summary.own as Message[]),
              subtree: totals(summary.subtree as Message[]),
              children: (summary.children as Message[]).map((c) => [
                index.get((c.tenant as Message).id as string),
                totals(c.totals as Message[]),
              ]),
            }).toEqual({
              own: meterCodes.map((_, m) => model.value(m, (f) => f.tenant === node)),
              subtree: meterCodes.map((_, m) => model.value(m, (f) => f.path.includes(node))),
              children: children
                .sort((a, b) => (SHAPE[a].name < SHAPE[b].name ? -1 : 1))
                .map((child) => [
                  child,
                  meterCodes.map((_, m) => model.value(m, (f) => hasEdge(f.path, node, child))),
                ]),
            });
          }
        }),
        { numRuns: 4, endOnFailure: true, examples: [[OUT_OF_ORDER_MOVES]] },
      );
    }, 120_000);
  });
}
