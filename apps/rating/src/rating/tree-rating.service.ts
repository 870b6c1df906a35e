import { Injectable, Logger } from '@nestjs/common';
import { Dec, ZERO } from '@cascade/money';
import { PlanRepository } from '../persistence/plan.repository';
import { BillingEdgePart, MeteringGateway } from '../metering/metering-gateway';
import { chargeSpecs } from '../plans/charge-codec';
import { PlanBook } from './plan-book';
import { QuantitySource, RatedEdge, rateEdge } from './edge-rater';
import { ratedEdge } from '../metrics/rating-metrics';

/**
 * RateTree: every edge of every tree for a period in a handful of queries —
 * plans loaded once, each meter's usage fetched for all edges at once. Only an
 * edge whose plan changes inside its part of the period asks metering again.
 */
@Injectable()
export class TreeRatingService {
  private readonly log = new Logger('rate-tree');

  constructor(
    private readonly plans: PlanRepository,
    private readonly metering: MeteringGateway,
  ) {}

  async *rate(start: Date, end: Date): AsyncGenerator<RatedEdge> {
    const book = await PlanBook.everything(this.plans);
    const usage = await this.usageOfAllMeters(book, start, end);
    let rated = 0;
    for await (const edge of this.metering.billingEdges(start, end)) {
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

  private async usageOfAllMeters(
    book: PlanBook,
    start: Date,
    end: Date,
  ): Promise<Map<string, Map<string, Dec>>> {
    const meters = new Set<string>();
    for (const version of await book.allVersions())
      for (const c of chargeSpecs(version.charges)) meters.add(c.meterCode);
    const usage = new Map<string, Map<string, Dec>>();
    for (const meter of meters) usage.set(meter, await this.metering.edgeUsage(meter, start, end));
    return usage;
  }

  /** Usage facts carry the path as of their time, so a whole edge part reads the batch. */
  private quantities(usage: Map<string, Map<string, Dec>>, edge: BillingEdgePart): QuantitySource {
    return async (seller, buyer, meter, from, to) => {
      const wholePart = from.getTime() <= edge.from.getTime() && to.getTime() >= edge.to.getTime();
      if (!wholePart) return this.metering.edgeQuantity(seller, buyer, meter, from, to);
      return usage.get(meter)?.get(`${seller}/${buyer}`) ?? ZERO;
    };
  }
}
