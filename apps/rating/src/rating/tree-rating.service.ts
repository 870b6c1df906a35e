import { Injectable, Logger } from '@nestjs/common';
import { Dec, ZERO } from '@cascade/money';
import { FieldProblems } from '@cascade/platform';
import { PlanRepository } from '../persistence/plan.repository';
import { PlanVersionRow } from '../persistence/plan-version.entity';
import { BillingEdgePart, MeteringGateway } from '../metering/metering-gateway';
import { chargeSpecs } from '../plans/charge-codec';
import { PlanBook } from './plan-book';
import { QuantitySource, RatedEdge, rateEdge } from './edge-rater';
import { ratedEdge } from '../metrics/rating-metrics';

/** Usage read per meter for all edges, keyed "seller/buyer"; none: asked edge by edge. */
type Usage = Map<string, Map<string, Dec>> | undefined;

/**
 * A named pass reads each meter's usage for the whole tree (one ListEdgeUsage) only
 * when its buyers hold at least this share of the period's edges; fewer, and asking
 * each edge of its own subtree reads far less than every edge of the tree.
 */
const BATCH_SHARE = 1 / 8;

/**
 * RateTree: every edge of every tree for a period in a handful of queries —
 * plans loaded once, each meter's usage fetched for all edges at once. Only an
 * edge whose plan changes inside its part of the period asks metering again.
 * Given buyers, only their edges: the meters read are those their plans charge, and
 * a few buyers' edges are asked edge by edge (BATCH_SHARE).
 */
@Injectable()
export class TreeRatingService {
  private readonly log = new Logger('rate-tree');

  constructor(
    private readonly plans: PlanRepository,
    private readonly metering: MeteringGateway,
  ) {}

  async *rate(start: Date, end: Date, buyers?: readonly string[]): AsyncGenerator<RatedEdge> {
    // A named pass lists its edges before the first answer, so an unknown id fails the call.
    const named = buyers && (await this.edgesOf(buyers, start, end));
    const book = await PlanBook.everything(this.plans);
    let usage: Usage;
    if (!named) usage = await this.usageOfMeters(await book.allVersions(), start, end);
    else if (named.edges.length >= named.listed * BATCH_SHARE)
      usage = await this.usageOfMeters(await versionsOf(book, named.buyers), start, end);
    let rated = 0;
    for await (const edge of named?.edges ?? this.metering.billingEdges(start, end)) {
      if ((await book.assignmentsOf(edge.buyer)).every((a) => a.sellerTenantId !== edge.seller))
        continue;
      const result = await ratedEdge(() =>
        rateEdge(book, this.quantities(usage, edge), {
          ...edge,
          currency: '',
          start: edge.from,
          end: edge.to,
          period: { start, end },
        }),
      );
      if (result.spans.length === 0) continue;
      rated += 1;
      if (rated % 1000 === 0) this.log.log(`rated ${rated} edges`);
      yield result;
    }
    this.log.log(`rated ${rated} edges for ${start.toISOString()} – ${end.toISOString()}`);
  }

  /**
   * The named buyers' edge parts in the period, in metering's order (buyer by buyer),
   * and how many edge parts the period has in all.
   */
  private async edgesOf(buyers: readonly string[], start: Date, end: Date) {
    const wanted = new Set(buyers);
    const edges: BillingEdgePart[] = [];
    let listed = 0;
    for await (const edge of this.metering.billingEdges(start, end)) {
      listed += 1;
      if (wanted.has(edge.buyer)) edges.push(edge);
    }
    const seen = new Set(edges.map((e) => e.buyer));
    const problems = new FieldProblems();
    // A tenant without an edge in the period (a root, one created later) is asked about.
    for (const [i, id] of buyers.entries())
      if (!seen.has(id) && !(await this.metering.tenant(id)))
        problems.add(`buyer_tenant_ids[${i}]`, `unknown tenant ${JSON.stringify(id)}`);
    problems.throwIfAny();
    return { buyers, edges, listed };
  }

  private async usageOfMeters(
    versions: readonly PlanVersionRow[],
    start: Date,
    end: Date,
  ): Promise<Map<string, Map<string, Dec>>> {
    const meters = new Set<string>();
    for (const version of versions)
      for (const c of chargeSpecs(version.charges)) meters.add(c.meterCode);
    const usage = new Map<string, Map<string, Dec>>();
    for (const meter of meters) usage.set(meter, await this.metering.edgeUsage(meter, start, end));
    return usage;
  }

  /** Usage facts carry the path as of their time, so a whole edge part reads the batch. */
  private quantities(usage: Usage, edge: BillingEdgePart): QuantitySource {
    return async (seller, buyer, meter, from, to) => {
      const wholePart = from.getTime() <= edge.from.getTime() && to.getTime() >= edge.to.getTime();
      if (!usage || !wholePart) return this.metering.edgeQuantity(seller, buyer, meter, from, to);
      return usage.get(meter)?.get(`${seller}/${buyer}`) ?? ZERO;
    };
  }
}

/** The versions of every plan the buyers were ever assigned: what their edges may charge. */
async function versionsOf(book: PlanBook, buyers: readonly string[]): Promise<PlanVersionRow[]> {
  const planIds = new Set<string>();
  for (const buyer of buyers)
    for (const a of await book.assignmentsOf(buyer)) planIds.add(a.planId);
  return (await Promise.all([...planIds].map((id) => book.versionsOf(id)))).flat();
}
