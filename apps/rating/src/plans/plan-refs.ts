import { Injectable } from '@nestjs/common';
import { AppError, invalidArgument, requirePrincipal, TenantScope } from '@cascade/platform';
import { MeteringGateway } from '../metering/metering-gateway';
import { PlanRepository } from '../persistence/plan.repository';

/** A plan id field may name the plan by its code instead: "code:<plan code>". */
export const PLAN_CODE_PREFIX = 'code:';

/**
 * Resolves "code:<plan code>" in a plan id field to the plan's id, before PlanAccess
 * checks it, so scopes apply to the resolved plan; any other value is an id, as it is.
 * Codes are unique per seller: with the seller known (AssignPlan: the buyer's parent)
 * the code is looked up among its plans; otherwise among the plans the caller reaches,
 * which must be exactly one. A code that names nothing the caller reaches is NOT_FOUND
 * naming the field, as an unknown one is.
 */
@Injectable()
export class PlanRefs {
  constructor(
    private readonly plans: PlanRepository,
    private readonly scope: TenantScope,
    private readonly metering: MeteringGateway,
  ) {}

  /** A plan for this buyer: a code names one of its parent's plans (the only ones it may buy). */
  async resolveForBuyer(field: string, value: string, buyerTenantId: string): Promise<string> {
    if (!value.startsWith(PLAN_CODE_PREFIX)) return value;
    const buyer = await this.metering.tenant(buyerTenantId);
    return this.resolve(field, value, buyer?.parentId || undefined);
  }

  async resolve(field: string, value: string, sellerTenantId?: string): Promise<string> {
    if (!value.startsWith(PLAN_CODE_PREFIX)) return value;
    const code = value.slice(PLAN_CODE_PREFIX.length);
    const principal = requirePrincipal();
    const em = this.plans.em();
    const candidates = sellerTenantId
      ? [await this.plans.planByCode(em, sellerTenantId, code)].filter((p) => p !== null)
      : await this.plans.plansByCode(em, code);
    const reachable = [];
    for (const plan of candidates)
      if (await this.scope.covers(principal, plan.sellerTenantId)) reachable.push(plan);
    if (reachable.length === 0)
      throw new AppError('NOT_FOUND', `${field}: no plan with code ${JSON.stringify(code)}`);
    if (reachable.length > 1)
      throw invalidArgument(
        field,
        `code ${JSON.stringify(code)} names plans of ${reachable.length} sellers; name the plan by id`,
      );
    return reachable[0].id;
  }
}
