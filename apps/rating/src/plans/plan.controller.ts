import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  ArchivePlanRequest,
  AssignPlanRequest,
  CreatePlanRequest,
  GetPlanRequest,
  ListAssignmentsRequest,
  ListPlansRequest,
  UpdatePlanRequest,
} from '@cascade/contracts';
import { FieldProblems, requiredInstant } from '@cascade/platform';
import { text } from './plan-fields';
import { createPlanInput, planChanges } from './plan-request';
import { assignmentToProto, planToProto } from './plan.mapper';
import { PlanRefs } from './plan-refs';
import { PlanService } from './plan.service';
import { PlanAccess } from '../access/plan-access';

const SERVICE = 'cascade.rating.v1.PlanService';

@Controller()
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly access: PlanAccess,
    private readonly refs: PlanRefs,
  ) {}

  @MessagePattern(`${SERVICE}/CreatePlan`)
  async create(req: CreatePlanRequest) {
    const view = await this.plans.create(createPlanInput(req));
    return planToProto(view);
  }

  @MessagePattern(`${SERVICE}/GetPlan`)
  async get(req: GetPlanRequest) {
    const problems = new FieldProblems();
    const named = problems.check(() => text(req.id, 'id'));
    if (req.version < 0) problems.add('version', 'must not be negative');
    problems.throwIfAny();
    const id = await this.refs.resolve('id', named as string);
    // A buyer's key reads the plan it buys on: the prices it pays.
    await this.access.require(id, { auditSeller: false, buyerReads: true });
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
    const input = planChanges(req);
    input.id = await this.refs.resolve('id', input.id);
    await this.access.require(input.id, { auditSeller: true });
    return planToProto(await this.plans.update(input));
  }

  @MessagePattern(`${SERVICE}/ArchivePlan`)
  async archive(req: ArchivePlanRequest) {
    const id = await this.refs.resolve('id', text(req.id, 'id'));
    await this.access.require(id, { auditSeller: true });
    return planToProto(await this.plans.archive(id));
  }

  @MessagePattern(`${SERVICE}/AssignPlan`)
  async assign(req: AssignPlanRequest) {
    // Every field checked, so one answer names every bad one.
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const buyerTenantId = field(() => text(req.buyerTenantId, 'buyer_tenant_id'));
    const named = field(() => text(req.planId, 'plan_id'));
    const effectiveFrom = field(() => requiredInstant(req.effectiveFrom, 'effective_from'));
    problems.throwIfAny();
    const planId = await this.refs.resolveForBuyer('plan_id', named, buyerTenantId);
    await this.access.require(planId, { auditSeller: false });
    const assignment = await this.plans.assign(buyerTenantId, planId, effectiveFrom);
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
