import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  ArchivePlanRequest,
  AssignPlanRequest,
  BillingModel,
  CreatePlanRequest,
  GetPlanRequest,
  Interval,
  ListAssignmentsRequest,
  ListPlansRequest,
  UpdatePlanRequest,
} from '@cascade/contracts';
import {
  Dec,
  exceedsInputDigits,
  INPUT_DIGITS_RULE,
  isDecimalString,
  isKnownCurrency,
} from '@cascade/money';
import { invalidArgument, requiredInstant } from '@cascade/platform';
import { chargesFromProto } from './charge-codec';
import { assignmentToProto, planToProto } from './plan.mapper';
import { PlanService } from './plan.service';
import { PlanAccess } from '../access/plan-access';

const SERVICE = 'cascade.rating.v1.PlanService';

function text(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalidArgument(field, 'is required');
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}

function fee(value: string): Dec {
  if (value === '') return new Dec(0);
  if (!isDecimalString(value))
    throw invalidArgument('subscription_fee', `not a decimal string: ${JSON.stringify(value)}`);
  if (exceedsInputDigits(value)) throw invalidArgument('subscription_fee', INPUT_DIGITS_RULE);
  const amount = new Dec(value);
  if (amount.isNegative()) throw invalidArgument('subscription_fee', 'must not be negative');
  return amount;
}

function billingModel(value: BillingModel): 'SUBSCRIPTION' | 'PAYG' {
  if (value === BillingModel.SUBSCRIPTION) return 'SUBSCRIPTION';
  if (value === BillingModel.PAYG) return 'PAYG';
  throw invalidArgument(
    'billing_model',
    'must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG',
  );
}

function interval(value: Interval): 'MONTHLY' | 'YEARLY' {
  if (value === Interval.MONTHLY) return 'MONTHLY';
  if (value === Interval.YEARLY) return 'YEARLY';
  throw invalidArgument('interval', 'must be INTERVAL_MONTHLY or INTERVAL_YEARLY');
}

@Controller()
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly access: PlanAccess,
  ) {}

  @MessagePattern(`${SERVICE}/CreatePlan`)
  async create(req: CreatePlanRequest) {
    if (!isKnownCurrency(req.currency))
      throw invalidArgument(
        'currency',
        `unknown ISO 4217 currency code ${JSON.stringify(req.currency)}`,
      );
    const view = await this.plans.create({
      sellerTenantId: text(req.sellerTenantId, 'seller_tenant_id'),
      code: text(req.code, 'code', 128),
      name: text(req.name || req.code, 'name'),
      currency: req.currency,
      billingModel: billingModel(req.billingModel),
      interval: interval(req.interval),
      subscriptionFee: fee(req.subscriptionFee),
      charges: chargesFromProto(req.charges),
    });
    return planToProto(view);
  }

  @MessagePattern(`${SERVICE}/GetPlan`)
  async get(req: GetPlanRequest) {
    if (req.version < 0) throw invalidArgument('version', 'must not be negative');
    const id = text(req.id, 'id');
    await this.access.require(id, { auditSeller: false });
    return planToProto(await this.plans.get(id, req.version));
  }

  @MessagePattern(`${SERVICE}/ListPlans`)
  async list(req: ListPlansRequest) {
    return {
      plans: (await this.plans.list(text(req.sellerTenantId, 'seller_tenant_id'))).map(planToProto),
    };
  }

  @MessagePattern(`${SERVICE}/UpdatePlan`)
  async update(req: UpdatePlanRequest) {
    const id = text(req.id, 'id');
    await this.access.require(id, { auditSeller: true });
    const view = await this.plans.update({
      id,
      name: req.name.trim() ? text(req.name, 'name') : '',
      subscriptionFee: req.subscriptionFee === '' ? undefined : fee(req.subscriptionFee),
      charges: chargesFromProto(req.charges),
      effectiveFrom: requiredInstant(req.effectiveFrom, 'effective_from'),
    });
    return planToProto(view);
  }

  @MessagePattern(`${SERVICE}/ArchivePlan`)
  async archive(req: ArchivePlanRequest) {
    const id = text(req.id, 'id');
    await this.access.require(id, { auditSeller: true });
    return planToProto(await this.plans.archive(id));
  }

  @MessagePattern(`${SERVICE}/AssignPlan`)
  async assign(req: AssignPlanRequest) {
    const planId = text(req.planId, 'plan_id');
    await this.access.require(planId, { auditSeller: false });
    const assignment = await this.plans.assign(
      text(req.buyerTenantId, 'buyer_tenant_id'),
      planId,
      requiredInstant(req.effectiveFrom, 'effective_from'),
    );
    return assignmentToProto(assignment);
  }

  @MessagePattern(`${SERVICE}/ListAssignments`)
  async assignments(req: ListAssignmentsRequest) {
    return {
      assignments: (await this.plans.assignments(text(req.buyerTenantId, 'buyer_tenant_id'))).map(
        assignmentToProto,
      ),
    };
  }
}
