import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';
import type { Period } from '../../format/period';

const window = (tenantId: string, p: Period) => ({
  tenantId,
  periodStart: timestampFromDate(p.start),
  periodEnd: timestampFromDate(p.end),
});

export function useMarginReport(tenantId: string, period: Period) {
  return useCall(
    (signal) => clients.invoices.getMarginReport(window(tenantId, period), { signal }),
    [tenantId, period.start.getTime()],
  );
}

/** Usage of the subtree that no plan prices: it must be impossible to miss. */
export function useUnpriced(tenantId: string, period: Period) {
  return useCall(
    (signal) => clients.invoices.listUnpricedUsage(window(tenantId, period), { signal }),
    [tenantId, period.start.getTime()],
  );
}
