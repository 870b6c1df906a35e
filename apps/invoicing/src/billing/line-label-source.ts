import { Inject, Injectable } from '@nestjs/common';
import { LineLabels, MeterLabel, PlanLabel } from '@cascade/invoicing-domain';
import { METER_CLIENT, MeterClient, peerFailure, PLAN_CLIENT, PlanClient } from './peers';

/** A plan's name is read again after this long (UpdatePlan may rename it). */
const PLAN_TTL_MS = 60_000;

/**
 * The meters' and plans' names a chunk of invoices shows, from metering and rating:
 * one ListMeters per chunk, and one GetPlan per plan not read in the last minute.
 */
@Injectable()
export class LineLabelSource {
  private readonly plans = new Map<string, { label: PlanLabel; readAt: number }>();

  constructor(
    @Inject(METER_CLIENT) private readonly meterClient: MeterClient,
    @Inject(PLAN_CLIENT) private readonly planClient: PlanClient,
  ) {}

  async labels(planIds: Iterable<string>): Promise<LineLabels> {
    const listed = await this.meterClient.listMeters({}).catch((error: unknown) => {
      throw peerFailure('metering ListMeters', error);
    });
    const meters = new Map<string, MeterLabel>(
      listed.meters.map((m) => [m.code, { name: m.name, unit: m.unit }]),
    );
    const plans = new Map<string, PlanLabel>();
    for (const id of new Set(planIds)) if (id) plans.set(id, await this.plan(id));
    return { meters, plans };
  }

  private async plan(id: string): Promise<PlanLabel> {
    const cached = this.plans.get(id);
    if (cached && Date.now() - cached.readAt < PLAN_TTL_MS) return cached.label;
    const plan = await this.planClient.getPlan({ id }).catch((error: unknown) => {
      throw peerFailure(`rating GetPlan ${id}`, error);
    });
    const label = { name: plan.name, code: plan.code };
    this.plans.set(id, { label, readAt: Date.now() });
    return label;
  }
}
