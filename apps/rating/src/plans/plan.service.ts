import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { alreadyExists, failedPrecondition, FieldProblems, notFound } from '@cascade/platform';
import { AssignmentRow } from '../persistence/assignment.entity';
import { PlanRepository } from '../persistence/plan.repository';
import { PlanVersionRow } from '../persistence/plan-version.entity';
import { PlanRow } from '../persistence/plan.entity';
import { MeteringGateway } from '../metering/metering-gateway';
import { chargesFromJson, chargesToJson, StoredCharge } from './charge-codec';
import { ruleProblems } from './plan-terms';
import { CreatePlanInput, UpdatePlanInput } from './plan-input';

export interface PlanView {
  plan: PlanRow;
  version: PlanVersionRow;
}

@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly metering: MeteringGateway,
  ) {}

  async create(input: CreatePlanInput): Promise<PlanView> {
    await this.checkNew(input, '');
    return this.plans.em().transactional(async (em) => {
      await this.checkCode(em, input, '');
      const view = newPlan(randomUUID(), input, new Date());
      await this.plans.insertPlan(em, view.plan, view.version);
      return view;
    });
  }

  /** The plan CreatePlan would store, after every check it makes; nothing is written. */
  async candidatePlan(input: CreatePlanInput, at: string): Promise<PlanView> {
    await this.checkNew(input, at);
    await this.checkCode(this.plans.em(), input, at);
    // Not stored, so it has no id.
    return newPlan('', input, new Date());
  }

  private async checkNew(input: CreatePlanInput, at: string): Promise<void> {
    const seller = await this.metering.tenant(input.sellerTenantId);
    if (!seller) throw notFound('seller tenant', input.sellerTenantId);
    // Metering puts a seller's buyers in its own currency only, and AssignPlan wants
    // the buyer's currency: a plan in any other could never be assigned.
    const problems = new FieldProblems();
    if (seller.currency !== input.currency)
      problems.add(
        `${at}currency`,
        `${input.currency} is not the seller's currency ${seller.currency}; a seller sells only in its own currency`,
      );
    problems.addWorded(await this.meterProblems(input.charges, at));
    problems.addWorded(ruleProblems({ ...input, at }));
    problems.throwIfAny();
  }

  private async checkCode(em: EntityManager, input: CreatePlanInput, at: string): Promise<void> {
    if (await this.plans.planByCode(em, input.sellerTenantId, input.code)) {
      throw alreadyExists(`${at}code: seller already has a plan ${JSON.stringify(input.code)}`);
    }
  }

  async get(id: string, version: number): Promise<PlanView> {
    const em = this.plans.em();
    const plan = await this.plans.plan(em, id);
    if (!plan) throw notFound('plan', id);
    const row = await this.plans.version(em, id, version);
    if (!row) throw notFound('plan version', `${id} v${version}`);
    return { plan, version: row };
  }

  async list(sellerTenantId: string): Promise<PlanView[]> {
    if (!(await this.metering.tenant(sellerTenantId)))
      throw notFound('seller tenant', sellerTenantId);
    const em = this.plans.em();
    const plans = await this.plans.plansOf(em, sellerTenantId);
    const versions = await this.plans.versions(
      em,
      plans.map((p) => p.id),
    );
    const latest = new Map(versions.map((v) => [v.planId, v]));
    return plans.map((plan) => ({ plan, version: latest.get(plan.id) as PlanVersionRow }));
  }

  /** A new version from effectiveFrom on; versions already written never change. */
  async update(input: UpdatePlanInput): Promise<PlanView> {
    // Metering is asked before the transaction, so none is held open across the call.
    const meters = input.charges ? await this.meterProblems(input.charges, '') : [];
    return this.plans.em().transactional(async (em) => {
      const view = await this.nextVersion(em, input, { at: '', meters });
      await this.plans.insertVersion(em, view.version);
      return view;
    });
  }

  /** The version UpdatePlan would write, after every check it makes; nothing is written. */
  async candidateVersion(input: UpdatePlanInput, at: string, idField: string): Promise<PlanView> {
    const meters = input.charges ? await this.meterProblems(input.charges, at) : [];
    return this.nextVersion(this.plans.em(), input, { at, idField, meters });
  }

  /**
   * `idField` names where the plan's id came from: `id`, or PreviewPlan's `plan_id`.
   * `meters` are the charges' meter problems, named with the plan's rules in one answer
   * once the plan is known to exist.
   */
  private async nextVersion(
    em: EntityManager,
    input: UpdatePlanInput,
    { at, idField = 'id', meters }: { at: string; idField?: string; meters: readonly string[] },
  ) {
    const plan = await this.plans.plan(em, input.id);
    if (!plan) throw notFound('plan', input.id);
    if (plan.status === 'ARCHIVED')
      throw failedPrecondition(`${idField}: plan ${input.id} is archived`);
    const latest = (await this.plans.version(em, plan.id, 0)) as PlanVersionRow;
    const subscriptionFee = input.subscriptionFee ?? latest.subscriptionFee;
    const problems = new FieldProblems();
    problems.addWorded(meters);
    // The rules hold for the version as it will be: what it changes and what it keeps.
    problems.addWorded(
      ruleProblems({
        billingModel: plan.billingModel,
        currency: plan.currency,
        subscriptionFee,
        charges: input.charges ?? chargesFromJson(latest.charges),
        at,
      }),
    );
    problems.throwIfAny();
    if (input.effectiveFrom.getTime() <= latest.effectiveFrom.getTime()) {
      throw failedPrecondition(
        `${at}effective_from: must be after version ${latest.version}'s ${latest.effectiveFrom.toISOString()}`,
      );
    }
    const next = versionRow(
      plan.id,
      latest.version + 1,
      input.name || latest.name,
      {
        subscriptionFee,
        chargesJson: input.charges ? chargesToJson(input.charges) : latest.charges,
      },
      input.effectiveFrom,
      new Date(),
    );
    return { plan, version: next };
  }

  async archive(id: string): Promise<PlanView> {
    return this.plans.em().transactional(async (em) => {
      const plan = await this.plans.plan(em, id);
      if (!plan) throw notFound('plan', id);
      plan.status = 'ARCHIVED';
      await em.flush();
      return { plan, version: (await this.plans.version(em, id, 0)) as PlanVersionRow };
    });
  }

  /** A buyer goes on one of its own parent's plans, in its own currency. */
  async assign(buyerTenantId: string, planId: string, effectiveFrom: Date): Promise<AssignmentRow> {
    const buyer = await this.metering.tenant(buyerTenantId);
    if (!buyer) throw notFound('buyer tenant', buyerTenantId);
    return this.plans.em().transactional(async (em) => {
      const plan = await this.plans.plan(em, planId);
      if (!plan) throw notFound('plan', planId);
      if (plan.status === 'ARCHIVED')
        throw failedPrecondition(`plan_id: plan ${planId} is archived`);
      if (buyer.parentId !== plan.sellerTenantId) {
        throw failedPrecondition(
          `plan_id: plan ${planId} is sold by ${plan.sellerTenantId}, which is not the buyer's parent`,
        );
      }
      if (buyer.currency !== plan.currency) {
        throw failedPrecondition(
          `plan_id: plan currency ${plan.currency} differs from the buyer's ${buyer.currency}`,
        );
      }
      const existing = (
        await this.plans.assignmentsOf(em, buyerTenantId, plan.sellerTenantId)
      ).find((a) => a.planId === planId && a.effectiveFrom.getTime() === effectiveFrom.getTime());
      if (existing) return existing;
      const assignment: AssignmentRow = {
        id: randomUUID(),
        buyerTenantId,
        sellerTenantId: plan.sellerTenantId,
        planId,
        effectiveFrom,
        createdAt: new Date(),
      };
      await this.plans.insertAssignment(em, assignment);
      return assignment;
    });
  }

  async assignments(buyerTenantId: string): Promise<AssignmentRow[]> {
    if (!(await this.metering.tenant(buyerTenantId))) throw notFound('buyer tenant', buyerTenantId);
    return this.plans.assignmentsOf(this.plans.em(), buyerTenantId);
  }

  /** Every charge's meter known to metering, each charged once. */
  private async meterProblems(charges: readonly StoredCharge[], at: string): Promise<string[]> {
    const known = await this.metering.meterCodes();
    const seen = new Set<string>();
    return charges.flatMap((c, i) => {
      const field = `${at}charges[${i}].meter_code`;
      if (!known.has(c.meterCode))
        return [`${field}: unknown meter ${JSON.stringify(c.meterCode)}`];
      if (seen.has(c.meterCode)) return [`${field}: ${c.meterCode} is charged twice in one plan`];
      seen.add(c.meterCode);
      return [];
    });
  }
}

function newPlan(id: string, input: CreatePlanInput, now: Date): PlanView {
  const plan: PlanRow = {
    id,
    sellerTenantId: input.sellerTenantId,
    code: input.code,
    currency: input.currency,
    billingModel: input.billingModel,
    interval: input.interval,
    status: 'ACTIVE',
    createdAt: now,
  };
  // The first version is in force from the beginning of time: assignments decide when it applies.
  return { plan, version: versionRow(id, 1, input.name, input, new Date(0), now) };
}

function versionRow(
  planId: string,
  version: number,
  name: string,
  content: {
    subscriptionFee: PlanVersionRow['subscriptionFee'];
    charges?: StoredCharge[];
    chargesJson?: string;
  },
  effectiveFrom: Date,
  now: Date,
): PlanVersionRow {
  return {
    id: `${planId}@${version}`,
    planId,
    version,
    name,
    subscriptionFee: content.subscriptionFee,
    charges: content.chargesJson ?? chargesToJson(content.charges ?? []),
    effectiveFrom,
    createdAt: now,
  };
}
