import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, Timestamp } from '@bufbuild/protobuf/wkt';
import {
  BillingModel,
  ExplainLineResponse,
  Interval,
  RatedLine,
  RateEdgeResponse,
} from '@cascade/contracts';
import { TimeRange, UsageLineInput, UsageTier } from '@cascade/invoicing-domain';
import { Dec, isDecimalString } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { peerFailure, RATING_CLIENT, RatingClient } from './peers';
import { BillingEdge } from './tenant.gateway';

/** One plan version's stretch of an edge, with what invoicing needs to bill its fee. */
export interface RatedSpan {
  planId: string;
  version: number;
  billingModel: 'SUBSCRIPTION' | 'PAYG' | 'UNSPECIFIED';
  interval: 'MONTHLY' | 'YEARLY' | 'UNSPECIFIED';
  subscriptionFee: Dec;
  from: Date;
  to: Date;
}

/** What rating said one edge part costs, in domain types. */
export interface RatedPart {
  edge: BillingEdge;
  currency: string;
  usageLines: UsageLineInput[];
  spans: RatedSpan[];
}

/** A whole-tree stream may run for minutes; a stalled one still ends. */
const TREE_TIMEOUT_MS = 60 * 60 * 1000;

/** Rating's RateEdge and RateTree, translated into invoicing-domain inputs. */
@Injectable()
export class RatingGateway {
  constructor(@Inject(RATING_CLIENT) private readonly client: RatingClient) {}

  /**
   * Every edge part of every tree with a plan in the period — or only those of
   * `buyers`, when named — one stream: rating reads each meter's usage once for all
   * edges. Parts arrive buyer by buyer.
   */
  async *rateTree(
    period: TimeRange,
    buyers: readonly string[] = [],
    signal?: AbortSignal,
  ): AsyncGenerator<RatedPart> {
    const call = 'rating RateTree';
    const stream = this.client.rateTree(
      {
        periodStart: toTimestamp(period.start),
        periodEnd: toTimestamp(period.end),
        buyerTenantIds: [...buyers],
      },
      { timeoutMs: TREE_TIMEOUT_MS, signal },
    );
    try {
      for await (const response of stream) {
        const edge: BillingEdge = {
          sellerTenantId: response.sellerTenantId,
          buyerTenantId: response.buyerTenantId,
          part: coveredBy(response, period),
        };
        yield fromResponse(
          edge,
          response,
          `${call} ${edge.sellerTenantId} -> ${edge.buyerTenantId}`,
        );
      }
    } catch (error) {
      throw peerFailure(call, error);
    }
  }

  /** Where a line's quantity came from, per child tenant and per resource (rating ExplainLine). */
  explain(edge: BillingEdge, meterCode: string): Promise<ExplainLineResponse> {
    return this.client
      .explainLine({
        buyerTenantId: edge.buyerTenantId,
        sellerTenantId: edge.sellerTenantId,
        meterCode,
        from: toTimestamp(edge.part.start),
        to: toTimestamp(edge.part.end),
      })
      .catch((error: unknown) => {
        throw peerFailure(
          `rating ExplainLine ${edge.sellerTenantId} -> ${edge.buyerTenantId}`,
          error,
        );
      });
  }

  async rate(edge: BillingEdge): Promise<RatedPart> {
    const call = `rating RateEdge ${edge.sellerTenantId} -> ${edge.buyerTenantId}`;
    const response = await this.client
      .rateEdge({
        buyerTenantId: edge.buyerTenantId,
        sellerTenantId: edge.sellerTenantId,
        periodStart: toTimestamp(edge.part.start),
        periodEnd: toTimestamp(edge.part.end),
      })
      .catch((error: unknown) => {
        throw peerFailure(call, error);
      });
    return fromResponse(edge, response, call);
  }
}

const BILLING_MODELS: Partial<Record<BillingModel, RatedSpan['billingModel']>> = {
  [BillingModel.SUBSCRIPTION]: 'SUBSCRIPTION',
  [BillingModel.PAYG]: 'PAYG',
};

const INTERVALS: Partial<Record<Interval, RatedSpan['interval']>> = {
  [Interval.MONTHLY]: 'MONTHLY',
  [Interval.YEARLY]: 'YEARLY',
};

function fromResponse(edge: BillingEdge, response: RateEdgeResponse, call: string): RatedPart {
  const whole = edge.part;
  return {
    edge,
    currency: response.currency,
    usageLines: response.lines.map((line) => usageLine(line, whole, call)),
    spans: response.spans.map((span) => ({
      planId: span.planId,
      version: span.planVersion,
      billingModel: BILLING_MODELS[span.billingModel] ?? 'UNSPECIFIED',
      interval: INTERVALS[span.interval] ?? 'UNSPECIFIED',
      subscriptionFee: span.subscriptionFee
        ? decimal(span.subscriptionFee, `${call}: span ${span.planId} subscription_fee`)
        : new Dec(0),
      from: instant(span.from, whole.start),
      to: instant(span.to, whole.end),
    })),
  };
}

/** RateTree does not say which part of the period an edge part covers: its plan spans do. */
function coveredBy(response: RateEdgeResponse, period: TimeRange): TimeRange {
  const from = response.spans.map((s) => instant(s.from, period.start).getTime());
  const to = response.spans.map((s) => instant(s.to, period.end).getTime());
  if (from.length === 0) return period;
  return { start: new Date(Math.min(...from)), end: new Date(Math.max(...to)) };
}

function usageLine(line: RatedLine, whole: TimeRange, call: string): UsageLineInput {
  const what = `${call}: line ${line.meterCode}`;
  return {
    meterCode: line.meterCode,
    quantity: decimal(line.quantity || '0', `${what} quantity`),
    amount: decimal(line.amount || '0', `${what} amount`),
    tiers: line.tiers.map((tier): UsageTier => ({
      units: decimal(tier.units || '0', `${what} tier units`),
      unitPrice: decimal(tier.unitPrice || '0', `${what} tier unit_price`),
      amount: decimal(tier.amount || '0', `${what} tier amount`),
      flatFee: tier.flatFee ? decimal(tier.flatFee, `${what} tier flat_fee`) : undefined,
      upTo: tier.upTo ? decimal(tier.upTo, `${what} tier up_to`) : null,
    })),
    planId: line.planId,
    planVersion: line.planVersion,
    from: instant(line.from, whole.start),
    to: instant(line.to, whole.end),
  };
}

/** Money from a peer is checked, never guessed: a malformed amount fails the run loudly. */
function decimal(text: string, what: string): Dec {
  if (!isDecimalString(text))
    throw new Error(`${what}: not a decimal string: ${JSON.stringify(text)}`);
  return new Dec(text);
}

function instant(value: Timestamp | undefined, fallback: Date): Date {
  return value ? timestampDate(value) : fallback;
}
