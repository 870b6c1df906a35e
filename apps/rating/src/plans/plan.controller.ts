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
import { invalidArgument, requiredInstant } from '@cascade/platform';
import { assignmentToProto, planToProto } from './plan.mapper';
import { createPlanInput, text, updatePlanInput } from './plan-request';
import { PlanService } from './plan.service';
import { PlanAccess } from '../access/plan-access';

const SERVICE = 'cascade.rating.v1.PlanService';

@Controller()
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly access: PlanAccess,
  ) {}

  @MessagePattern(`${SERVICE}/CreatePlan`)
  async create(req: CreatePlanRequest) {
    return planToProto(await this.plans.create(createPlanInput(req)));
  }

  @MessagePattern(`${SERVICE}/GetPlan`)
  async get(req: GetPlanRequest) {
    if (req.version < 0) throw invalidArgument('version', 'must not be negative');
    const id = text(req.id, 'id');
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
    const id = text(req.id, 'id');
    await this.access.require(id, { auditSeller: true });
    const view = await this.plans.update(updatePlanInput(req, id));
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
