import { MessageInitShape } from '@bufbuild/protobuf';
import { BillingModel, Interval, RateEdgeResponseSchema } from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { modelToProto } from '../plans/charge-codec';
import { RatedEdge } from './edge-rater';

export function ratedEdgeToProto(edge: RatedEdge): MessageInitShape<typeof RateEdgeResponseSchema> {
  return {
    sellerTenantId: edge.sellerTenantId,
    buyerTenantId: edge.buyerTenantId,
    currency: edge.currency,
    lines: edge.lines.map((l) => ({
      meterCode: l.meterCode,
      quantity: formatDecimal(l.priced.quantity),
      model: modelToProto(l.priced.model),
      tiers: l.priced.tiers.map((t) => ({
        units: formatDecimal(t.units),
        unitPrice: formatDecimal(t.unitPrice),
        amount: formatDecimal(t.amount),
        flatFee: formatDecimal(t.flatFee),
        upTo: t.upTo ? formatDecimal(t.upTo) : '',
      })),
      amount: formatDecimal(l.priced.amount),
      planId: l.planId,
      planVersion: l.planVersion,
      from: toTimestamp(l.from),
      to: toTimestamp(l.to),
      freeUnits: formatDecimal(l.priced.freeUnits),
      minimumAdjustment: formatDecimal(l.priced.minimumAdjustment),
    })),
    spans: edge.spans.map((s) => ({
      planId: s.plan.id,
      planVersion: s.version.version,
      billingModel: BillingModel[s.plan.billingModel],
      interval: Interval[s.plan.interval],
      subscriptionFee: formatDecimal(s.version.subscriptionFee),
      from: toTimestamp(s.from),
      to: toTimestamp(s.to),
    })),
  };
}
