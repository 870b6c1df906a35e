import type { BillingRun } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';

/**
 * What a run found unpriced: the usage of its period no plan priced, across every tree
 * (the runs page is the operator's). Not asked when the run counted none.
 */
export function useRunUnpriced(run: BillingRun) {
  return useCall(
    async (signal) =>
      run.unpricedLines === 0
        ? []
        : (
            await clients.invoices.listUnpricedUsage(
              { tenantId: '', periodStart: run.periodStart, periodEnd: run.periodEnd },
              { signal },
            )
          ).usage,
    [run.id, run.unpricedLines],
  );
}
