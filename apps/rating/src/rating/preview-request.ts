import { create } from '@bufbuild/protobuf';
import { PreviewPlanRequest, UpdatePlanRequestSchema } from '@cascade/contracts';
import { FieldProblems, invalidArgument, requiredPeriod } from '@cascade/platform';
import { text } from '../plans/plan-fields';
import { CreatePlanInput, UpdatePlanInput } from '../plans/plan-input';
import { createPlanInput, planChanges } from '../plans/plan-request';
import { requiredText } from './rating-fields';

/** A new plan, or a new version of a stored one: what PreviewPlan rates the buyer under. */
export type Candidate =
  | { kind: 'plan'; input: CreatePlanInput }
  | { kind: 'update'; planId: string; changes: UpdatePlanInput };

export interface PreviewInput {
  buyerTenantId: string;
  start: Date;
  end: Date;
  candidate: Candidate;
}

/**
 * A PreviewPlan's request, every field checked, the candidate's as CreatePlan or
 * UpdatePlan check theirs (prefixed `plan.` / `update.`): one INVALID_ARGUMENT names
 * every bad field.
 */
export function previewInput(req: PreviewPlanRequest): PreviewInput {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const buyerTenantId = field(() => requiredText(req.buyerTenantId, 'buyer_tenant_id'));
  const { start, end } = requiredPeriod(req, problems);
  const wanted = field(() => candidate(req));
  problems.throwIfAny();
  return { buyerTenantId, start, end, candidate: wanted };
}

function candidate(req: PreviewPlanRequest): Candidate {
  if (req.plan && req.planId)
    throw invalidArgument('plan', 'give either plan or plan_id (with update), not both');
  if (req.plan) {
    if (req.update) throw invalidArgument('update', 'goes with plan_id, not with plan');
    return { kind: 'plan', input: createPlanInput(req.plan, 'plan.') };
  }
  if (!req.planId) throw invalidArgument('plan', 'give either plan or plan_id (with update)');
  const problems = new FieldProblems();
  const planId = problems.check(() => text(req.planId, 'plan_id')) ?? '';
  const update = req.update ?? create(UpdatePlanRequestSchema);
  if (planId && update.id !== '' && update.id !== planId)
    problems.add('update.id', 'must be empty or the same as plan_id');
  const changes = problems.check(() => planChanges(update, { id: planId, at: 'update.' }));
  problems.throwIfAny();
  return { kind: 'update', planId, changes: changes as UpdatePlanInput };
}
