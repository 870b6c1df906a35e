import { BillingModel, CreatePlanRequest, Interval, UpdatePlanRequest } from '@cascade/contracts';
import {
  Dec,
  exceedsInputDigits,
  INPUT_DIGITS_RULE,
  isDecimalString,
  isKnownCurrency,
} from '@cascade/money';
import { invalidArgument, requiredInstant } from '@cascade/platform';
import { chargesFromProto } from './charge-codec';
import { CreatePlanInput, UpdatePlanInput } from './plan-input';

/**
 * Parses CreatePlan/UpdatePlan requests. `at` prefixes every field named in an
 * error, so PreviewPlan, which carries these requests inside its own, says
 * `plan.charges[0].unit_price: …` where CreatePlan says `charges[0].unit_price: …`.
 */
export function text(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalidArgument(field, 'is required');
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}

function fee(value: string, field: string): Dec {
  if (value === '') return new Dec(0);
  if (!isDecimalString(value))
    throw invalidArgument(field, `not a decimal string: ${JSON.stringify(value)}`);
  if (exceedsInputDigits(value)) throw invalidArgument(field, INPUT_DIGITS_RULE);
  const amount = new Dec(value);
  if (amount.isNegative()) throw invalidArgument(field, 'must not be negative');
  return amount;
}

function billingModel(value: BillingModel, field: string): 'SUBSCRIPTION' | 'PAYG' {
  if (value === BillingModel.SUBSCRIPTION) return 'SUBSCRIPTION';
  if (value === BillingModel.PAYG) return 'PAYG';
  throw invalidArgument(field, 'must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG');
}

function interval(value: Interval, field: string): 'MONTHLY' | 'YEARLY' {
  if (value === Interval.MONTHLY) return 'MONTHLY';
  if (value === Interval.YEARLY) return 'YEARLY';
  throw invalidArgument(field, 'must be INTERVAL_MONTHLY or INTERVAL_YEARLY');
}

export function createPlanInput(req: CreatePlanRequest, at = ''): CreatePlanInput {
  if (!isKnownCurrency(req.currency))
    throw invalidArgument(
      `${at}currency`,
      `unknown ISO 4217 currency code ${JSON.stringify(req.currency)}`,
    );
  return {
    sellerTenantId: text(req.sellerTenantId, `${at}seller_tenant_id`),
    code: text(req.code, `${at}code`, 128),
    name: text(req.name || req.code, `${at}name`),
    currency: req.currency,
    billingModel: billingModel(req.billingModel, `${at}billing_model`),
    interval: interval(req.interval, `${at}interval`),
    subscriptionFee: fee(req.subscriptionFee, `${at}subscription_fee`),
    charges: chargesFromProto(req.charges, `${at}charges`),
  };
}

/** `id` is the plan's, already checked by the caller (UpdatePlan's own, PreviewPlan's plan_id). */
export function updatePlanInput(req: UpdatePlanRequest, id: string, at = ''): UpdatePlanInput {
  return {
    id,
    name: req.name.trim() ? text(req.name, `${at}name`) : '',
    subscriptionFee:
      req.subscriptionFee === '' ? undefined : fee(req.subscriptionFee, `${at}subscription_fee`),
    charges: chargesFromProto(req.charges, `${at}charges`),
    effectiveFrom: requiredInstant(req.effectiveFrom, `${at}effective_from`),
  };
}
