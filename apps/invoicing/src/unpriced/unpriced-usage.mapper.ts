import { MessageInitShape } from '@bufbuild/protobuf';
import { UnpricedReason, UnpricedUsageSchema } from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { UnpricedUsageRow } from '../persistence/unpriced-usage.entity';

export function unpricedUsageToProto(
  row: UnpricedUsageRow,
): MessageInitShape<typeof UnpricedUsageSchema> {
  return {
    sellerTenantId: row.sellerTenantId,
    buyerTenantId: row.buyerTenantId,
    meterCode: row.meterCode,
    quantity: formatDecimal(row.quantity),
    unit: row.unit,
    reason: UnpricedReason[row.reason],
    from: toTimestamp(row.periodStart),
    to: toTimestamp(row.periodEnd),
  };
}
