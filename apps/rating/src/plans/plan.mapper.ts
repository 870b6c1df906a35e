import { MessageInitShape } from '@bufbuild/protobuf';
import {
  AssignmentSchema,
  BillingModel,
  Interval,
  PlanSchema,
  PlanStatus,
} from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { AssignmentRow } from '../persistence/assignment.entity';
import { chargesFromJson, chargeToProto } from './charge-codec';
import { PlanView } from './plan.service';

export function planToProto({ plan, version }: PlanView): MessageInitShape<typeof PlanSchema> {
  return {
    id: plan.id,
    sellerTenantId: plan.sellerTenantId,
    code: plan.code,
    name: version.name,
    currency: plan.currency,
    billingModel: BillingModel[plan.billingModel],
    interval: Interval[plan.interval],
    subscriptionFee: formatDecimal(version.subscriptionFee),
    charges: chargesFromJson(version.charges).map(chargeToProto),
    version: version.version,
    status: PlanStatus[plan.status],
    effectiveFrom: toTimestamp(version.effectiveFrom),
  };
}

export function assignmentToProto(a: AssignmentRow): MessageInitShape<typeof AssignmentSchema> {
  return {
    id: a.id,
    buyerTenantId: a.buyerTenantId,
    sellerTenantId: a.sellerTenantId,
    planId: a.planId,
    effectiveFrom: toTimestamp(a.effectiveFrom),
  };
}
