import { CreatePlanRequest, UpdatePlanRequest } from '@cascade/contracts';
import { FieldProblems, requiredInstant, updatePaths } from '@cascade/platform';
import { chargesFromProto } from './charge-codec';
import { billingModel, currency, fee, interval, text } from './plan-fields';
import { CreatePlanInput, UpdatePlanInput } from './plan-input';

const SETTABLE = ['name', 'subscription_fee', 'charges'] as const;

/** A CreatePlan's input, every field checked: one INVALID_ARGUMENT names every bad field. */
export function createPlanInput(req: CreatePlanRequest): CreatePlanInput {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const input: CreatePlanInput = {
    sellerTenantId: field(() => text(req.sellerTenantId, 'seller_tenant_id')),
    code: field(() => text(req.code, 'code', 128)),
    name: field(() => text(req.name || req.code, 'name')),
    currency: field(() => currency(req.currency)),
    billingModel: field(() => billingModel(req.billingModel)),
    interval: field(() => interval(req.interval)),
    subscriptionFee: field(() => fee(req.subscriptionFee)),
    charges: field(() => chargesFromProto(req.charges)),
  };
  problems.throwIfAny();
  return input;
}

/**
 * What an UpdatePlan's new version changes: the fields its mask names (or, without a
 * mask, the fields it set); the others are copied from the latest version. A masked
 * fee left empty is 0, masked charges left empty are none. Every bad field at once.
 */
export function planChanges(req: UpdatePlanRequest): UpdatePlanInput {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const id = field(() => text(req.id, 'id'));
  const paths = problems.check(() =>
    updatePaths(req.updateMask, SETTABLE, {
      name: req.name.trim() !== '',
      subscription_fee: req.subscriptionFee !== '',
      charges: req.charges.length > 0,
    }),
  );
  const input: UpdatePlanInput = {
    id,
    name: paths?.has('name') ? field(() => text(req.name, 'name')) : '',
    subscriptionFee: paths?.has('subscription_fee')
      ? field(() => fee(req.subscriptionFee))
      : undefined,
    charges: paths?.has('charges') ? field(() => chargesFromProto(req.charges)) : undefined,
    effectiveFrom: field(() => requiredInstant(req.effectiveFrom, 'effective_from')),
  };
  problems.throwIfAny();
  return input;
}
