import { Dec } from '@cascade/money';
import {
  ChargeSpec,
  planTimeline,
  PricedCharge,
  priceCharge,
  PricingContext,
} from '@cascade/rating-domain';
import { failedPrecondition } from '@cascade/platform';
import { PlanVersionRow } from '../persistence/plan-version.entity';
import { PlanRow } from '../persistence/plan.entity';
import { chargeSpecs } from '../plans/charge-codec';
import { PlanSource } from './plan-book';

export interface RatedEdgeLine {
  meterCode: string;
  priced: PricedCharge;
  planId: string;
  planVersion: number;
  from: Date;
  to: Date;
}

export interface RatedSpan {
  plan: PlanRow;
  version: PlanVersionRow;
  from: Date;
  to: Date;
}

export interface RatedEdge {
  sellerTenantId: string;
  buyerTenantId: string;
  currency: string;
  lines: RatedEdgeLine[];
  spans: RatedSpan[];
}

/** The quantity of one meter on the edge seller → buyer over [from, to). */
export type QuantitySource = (
  seller: string,
  buyer: string,
  meterCode: string,
  from: Date,
  to: Date,
) => Promise<Dec>;

export interface EdgeToRate {
  seller: string;
  buyer: string;
  /** The buyer's currency, used when no plan applies. */
  currency: string;
  start: Date;
  end: Date;
  /**
   * The billing period FLAT amounts and minimums are due for, whole: a span
   * covering part of it pays that part. Default [start, end); RateTree rates an
   * edge's part of the period (a move) against the whole period.
   */
  period?: { start: Date; end: Date };
}

/** Prices one edge: split the period by plan version, price each charge on its quantity. */
export async function rateEdge(
  book: PlanSource,
  quantities: QuantitySource,
  edge: EdgeToRate,
): Promise<RatedEdge> {
  const assignments = (await book.assignmentsOf(edge.buyer)).filter(
    (a) => a.sellerTenantId === edge.seller,
  );
  const planIds = [...new Set(assignments.map((a) => a.planId))];
  const versions = (await Promise.all(planIds.map((id) => book.versionsOf(id)))).flat();
  const spans: RatedSpan[] = [];
  for (const s of planTimeline(assignments, versions, { start: edge.start, end: edge.end })) {
    const version = versions.find(
      (v) => v.planId === s.planId && v.version === s.version,
    ) as PlanVersionRow;
    spans.push({ plan: await book.plan(s.planId), version, from: s.from, to: s.to });
  }
  const lines: RatedEdgeLine[] = [];
  const period = edge.period ?? { start: edge.start, end: edge.end };
  const whole = period.end.getTime() - period.start.getTime();
  for (const span of spans) {
    const share = { part: span.to.getTime() - span.from.getTime(), whole };
    for (const spec of chargeSpecs(span.version.charges)) {
      const quantity = await quantities(
        edge.seller,
        edge.buyer,
        spec.meterCode,
        span.from,
        span.to,
      );
      lines.push({
        meterCode: spec.meterCode,
        priced: priceCharge(
          spec,
          quantity,
          await pricingContext(book, edge.seller, spec, span.from),
          share,
        ),
        planId: span.plan.id,
        planVersion: span.version.version,
        from: span.from,
        to: span.to,
      });
    }
  }
  return {
    sellerTenantId: edge.seller,
    buyerTenantId: edge.buyer,
    currency: spans[0]?.plan.currency ?? edge.currency,
    lines,
    spans,
  };
}

/**
 * A markup prices the buyer's quantity at what the seller itself pays for the
 * meter, so walk up the chain of plans the sellers buy under.
 */
async function pricingContext(
  book: PlanSource,
  seller: string,
  spec: ChargeSpec,
  at: Date,
): Promise<PricingContext> {
  if (spec.model !== 'PERCENTAGE_MARKUP') return {};
  const upstream = await chargeBoughtUnder(book, seller, spec.meterCode, at);
  if (!upstream) {
    throw failedPrecondition(
      `charges: ${spec.meterCode} is priced as a markup but seller ${seller} buys it under no plan charging that meter`,
    );
  }
  return {
    upstream: upstream.spec,
    upstreamContext: await pricingContext(book, upstream.seller, upstream.spec, at),
  };
}

async function chargeBoughtUnder(book: PlanSource, buyer: string, meterCode: string, at: Date) {
  const t = at.getTime();
  const inForce = (await book.assignmentsOf(buyer))
    .filter((a) => a.effectiveFrom.getTime() <= t)
    .pop();
  if (!inForce) return undefined;
  const version = (await book.versionsOf(inForce.planId))
    .filter((v) => v.effectiveFrom.getTime() <= t)
    .pop();
  const spec = version && chargeSpecs(version.charges).find((c) => c.meterCode === meterCode);
  return spec ? { spec, seller: inForce.sellerTenantId } : undefined;
}
