import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GroupBy, Granularity } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';
import type { Period } from '../../format/period';

export function useMeters() {
  return useCall((signal) => clients.meters.listMeters({}, { signal }), []);
}

export interface UsageQuery {
  tenantId: string;
  meterCode: string;
  granularity: Granularity;
  groupBy: GroupBy;
  subtree: boolean;
  period: Period;
}

/** One meter's series for the node (and its subtree), split by child or resource. */
export function useUsageSeries(q: UsageQuery) {
  return useCall(
    (signal) =>
      clients.usage.queryUsage(
        {
          tenantId: q.tenantId,
          meterCode: q.meterCode,
          from: timestampFromDate(q.period.start),
          to: timestampFromDate(q.period.end),
          includeDescendants: q.subtree,
          granularity: q.granularity,
          groupBy: q.groupBy,
        },
        { signal },
      ),
    [q.tenantId, q.meterCode, q.granularity, q.groupBy, q.subtree, q.period.start.getTime()],
  );
}
