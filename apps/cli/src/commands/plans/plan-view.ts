import { toJson } from '@bufbuild/protobuf';
import {
  BillingModel,
  ChargeModel,
  Interval,
  Plan,
  PlanSchema,
  PlanStatus,
} from '@cascade/contracts';
import { Ctx } from '../../core/context';
import { Column, printList, printRecord } from '../../core/output';

export const chargeText = (plan: Plan) =>
  plan.charges.map((c) => `${c.meterCode} ${ChargeModel[c.model].toLowerCase()}`).join(', ');

export const PLAN_COLUMNS: Column<Plan>[] = [
  { header: 'code', value: (p) => p.code },
  { header: 'name', value: (p) => p.name },
  { header: 'version', value: (p) => String(p.version), right: true },
  { header: 'currency', value: (p) => p.currency },
  { header: 'billing_model', value: (p) => BillingModel[p.billingModel] },
  { header: 'interval', value: (p) => Interval[p.interval] },
  { header: 'subscription_fee', value: (p) => p.subscriptionFee, right: true },
  { header: 'charges', value: chargeText },
  { header: 'status', value: (p) => PlanStatus[p.status] },
  { header: 'id', value: (p) => p.id },
];

export function printPlan(ctx: Ctx, plan: Plan): void {
  printRecord(
    ctx.out,
    ctx.format,
    PLAN_COLUMNS.map((c) => [c.header, c.value(plan)]),
    toJson(PlanSchema, plan),
  );
}

export function printPlans(ctx: Ctx, plans: Plan[]): void {
  printList(ctx.out, ctx.format, plans, PLAN_COLUMNS, (p) => toJson(PlanSchema, p));
}

/** A plan by code among the seller's plans, else by id. */
export async function findPlan(ctx: Ctx, sellerTenantId: string, codeOrId: string): Promise<Plan> {
  const { plans } = await ctx.clients().plans.listPlans({ sellerTenantId });
  return plans.find((p) => p.code === codeOrId) ?? ctx.clients().plans.getPlan({ id: codeOrId });
}
