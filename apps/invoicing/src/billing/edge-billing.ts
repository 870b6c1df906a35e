import {
  FeeLine,
  intersect,
  InvoiceInput,
  periodContaining,
  PlanSpan,
  subscriptionFeeLines,
  TimeRange,
} from '@cascade/invoicing-domain';
import { RatedPart, RatedSpan } from './rating.gateway';
import { BillingEdge } from './tenant.gateway';

/** All parts of one seller → buyer edge in a period: one invoice. */
export interface EdgeGroup {
  sellerTenantId: string;
  buyerTenantId: string;
  edges: BillingEdge[];
}

/**
 * One group per (seller, buyer): a buyer moved away and back within the period has
 * two parts under the same seller, and still gets one invoice from it. Sorted, so a
 * run bills in the same order every time.
 */
export function groupEdges(edges: readonly BillingEdge[]): EdgeGroup[] {
  const groups = new Map<string, EdgeGroup>();
  for (const edge of edges) {
    const key = `${edge.sellerTenantId}\u0000${edge.buyerTenantId}`;
    const group = groups.get(key) ?? {
      sellerTenantId: edge.sellerTenantId,
      buyerTenantId: edge.buyerTenantId,
      edges: [],
    };
    group.edges.push(edge);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      compare(a.sellerTenantId, b.sellerTenantId) || compare(a.buyerTenantId, b.buyerTenantId),
  );
}

/** No plan on any part of the edge means nothing to bill: no invoice. */
export function hasPlan(parts: readonly RatedPart[]): boolean {
  return parts.some((part) => part.spans.length > 0);
}

/** The one currency rating priced the parts in, if it said. */
export function ratedCurrency(parts: readonly RatedPart[]): string | undefined {
  const currencies = new Set(parts.map((p) => p.currency).filter((c) => c !== ''));
  if (currencies.size > 1) {
    const [first] = parts;
    throw new Error(
      `edge ${first.edge.sellerTenantId} -> ${first.edge.buyerTenantId} was rated in several currencies: ${[...currencies].join(', ')}`,
    );
  }
  return [...currencies][0];
}

/**
 * The invoice input of one edge for the run's period: usage lines as rated, and
 * subscription fees for SUBSCRIPTION spans only (PAYG has no fee), each span
 * clipped to the part of the period the buyer spent under this seller and prorated
 * against the whole period, so a buyer who moved mid-month pays each seller its share.
 */
export function invoiceInput(
  group: EdgeGroup,
  parts: readonly RatedPart[],
  period: TimeRange,
  currency: string,
): InvoiceInput {
  const feeSpans = parts.flatMap((part) =>
    part.spans
      .filter((span) => span.billingModel === 'SUBSCRIPTION')
      .flatMap((span) => clip(span, part.edge.part)),
  );
  return {
    sellerTenantId: group.sellerTenantId,
    buyerTenantId: group.buyerTenantId,
    currency,
    period,
    feeLines: feeLines(feeSpans, period),
    usageLines: parts.flatMap((part) => part.usageLines),
  };
}

type ClippedSpan = PlanSpan & { interval: RatedSpan['interval'] };

function clip(span: RatedSpan, part: TimeRange): ClippedSpan[] {
  const covered = intersect(part, { start: span.from, end: span.to });
  if (covered === null) return [];
  return [
    {
      planId: span.planId,
      version: span.version,
      subscriptionFee: span.subscriptionFee,
      from: covered.start,
      to: covered.end,
      interval: span.interval,
    },
  ];
}

/**
 * A fee is the price of one whole interval. Monthly fees are prorated against the
 * run's period (runs are monthly). A yearly fee is prorated against the year that
 * starts with the run, so monthly runs bill it in installments and a yearly run
 * bills it whole; never twelve times.
 */
function feeLines(spans: readonly ClippedSpan[], period: TimeRange): FeeLine[] {
  const yearly = spans.filter((s) => s.interval === 'YEARLY');
  const other = spans.filter((s) => s.interval !== 'YEARLY');
  const year = periodContaining(period.start, 'YEARLY', {
    kind: 'ANNIVERSARY',
    start: period.start,
  });
  return [...subscriptionFeeLines(other, period), ...subscriptionFeeLines(yearly, year)].sort(
    (a, b) => a.from.getTime() - b.from.getTime(),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
