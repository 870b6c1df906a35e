import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { PlanRequest } from './plan-draft';
import { clients } from '../../api/clients';
import { useAction, useCall } from '../../api/use-call';
import type { Period } from '../../format/period';

export function usePlans(sellerTenantId: string) {
  return useCall(
    (signal) => clients.plans.listPlans({ sellerTenantId }, { signal }),
    [sellerTenantId],
  );
}

export function useCreatePlan(after: () => void) {
  return useAction(async (request: PlanRequest) => {
    const plan = await clients.plans.createPlan(request);
    after();
    return plan;
  });
}

/** What the buyer's period would cost under the plan being edited, nothing saved. */
export function usePreviewPlan() {
  return useAction((buyerTenantId: string, period: Period, plan: PlanRequest) =>
    clients.rating.previewPlan({
      buyerTenantId,
      periodStart: timestampFromDate(period.start),
      periodEnd: timestampFromDate(period.end),
      plan,
    }),
  );
}

export function useAssignPlan() {
  return useAction((buyerTenantId: string, planId: string, from: Date) =>
    clients.plans.assignPlan({ buyerTenantId, planId, effectiveFrom: timestampFromDate(from) }),
  );
}
