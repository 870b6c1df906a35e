import { CreatePlanRequest, UpdatePlanRequest } from '@cascade/contracts';
import { FieldProblems, requiredInstant, updatePaths } from '@cascade/platform';
import { chargesFromProto } from './charge-codec';
import { billingModel, currency, fee, interval, text } from './plan-fields';
import { CreatePlanInput, UpdatePlanInput } from './plan-input';

const SETTABLE = ['name', 'subscription_fee', 'charges'] as const;

// `at` prefixes every field an error names, so PreviewPlan, which carries these requests
// inside its own, says `plan.charges[0].unit_price: …` where CreatePlan says
// `charges[0].unit_price: …`.

/** A CreatePlan's input, every field checked: one INVALID_ARGUMENT names every bad field. */
export function createPlanInput(req: CreatePlanRequest, at = ''): CreatePlanInput {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const input: CreatePlanInput = {
    sellerTenantId: field(() => text(req.sellerTenantId, `${at}seller_tenant_id`)),
    code: field(() => text(req.code, `${at}code`, 128)),
    name: field(() => text(req.name || req.code, `${at}name`)),
    currency: field(() => currency(req.currency, `${at}currency`)),
    billingModel: field(() => billingModel(req.billingModel, `${at}billing_model`)),
    interval: field(() => interval(req.interval, `${at}interval`)),
    subscriptionFee: field(() => fee(req.subscriptionFee, `${at}subscription_fee`)),
    charges: field(() => chargesFromProto(req.charges, `${at}charges`)),
  };
  problems.throwIfAny();
  return input;
}

/**
 * What an UpdatePlan's new version changes: the fields its mask names (or, without a
 * mask, the fields it set); the others are copied from the latest version. A masked
 * fee left empty is 0, masked charges left empty are none. Every bad field at once.
 * PreviewPlan gives the plan's `id` (its plan_id, checked) instead of the request's.
 */
export function planChanges(
  req: UpdatePlanRequest,
  given: { id?: string; at?: string } = {},
): UpdatePlanInput {
  const at = given.at ?? '';
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const id = given.id ?? field(() => text(req.id, 'id'));
  const paths = problems.check(() =>
    updatePaths(
      req.updateMask,
      SETTABLE,
      {
        name: req.name.trim() !== '',
        subscription_fee: req.subscriptionFee !== '',
        charges: req.charges.length > 0,
      },
      `${at}update_mask`,
    ),
  );
  const input: UpdatePlanInput = {
    id,
    name: paths?.has('name') ? field(() => text(req.name, `${at}name`)) : '',
    subscriptionFee: paths?.has('subscription_fee')
      ? field(() => fee(req.subscriptionFee, `${at}subscription_fee`))
      : undefined,
    charges: paths?.has('charges')
      ? field(() => chargesFromProto(req.charges, `${at}charges`))
      : undefined,
    effectiveFrom: field(() => requiredInstant(req.effectiveFrom, `${at}effective_from`)),
  };
  problems.throwIfAny();
  return input;
}
