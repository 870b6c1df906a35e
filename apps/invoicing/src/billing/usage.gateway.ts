import { Inject, Injectable } from '@nestjs/common';
import { EdgeMeterUsage, TimeRange } from '@cascade/invoicing-domain';
import { Dec, isDecimalString } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { METER_CLIENT, MeterClient, peerFailure, USAGE_CLIENT, UsageClient } from './peers';

/** Metering's meters and per-edge usage: what was used, priced or not. */
@Injectable()
export class UsageGateway {
  constructor(
    @Inject(METER_CLIENT) private readonly meters: MeterClient,
    @Inject(USAGE_CLIENT) private readonly usage: UsageClient,
  ) {}

  /** Every (edge, meter) with usage in the window, one ListEdgeUsage call per meter. */
  async edgeUsage(window: TimeRange): Promise<EdgeMeterUsage[]> {
    const { meters } = await this.meters.listMeters({}).catch((error: unknown) => {
      throw peerFailure('metering ListMeters', error);
    });
    const found: EdgeMeterUsage[] = [];
    for (const meter of meters) {
      const call = `metering ListEdgeUsage ${meter.code}`;
      const answer = await this.usage
        .listEdgeUsage({
          meterCode: meter.code,
          from: toTimestamp(window.start),
          to: toTimestamp(window.end),
        })
        .catch((error: unknown) => {
          throw peerFailure(call, error);
        });
      for (const edge of answer.edges) {
        if (!isDecimalString(edge.quantity))
          throw new Error(
            `${call}: quantity is not a decimal string: ${JSON.stringify(edge.quantity)}`,
          );
        found.push({
          sellerTenantId: edge.sellerTenantId,
          buyerTenantId: edge.buyerTenantId,
          meterCode: meter.code,
          unit: answer.unit || meter.unit,
          quantity: new Dec(edge.quantity),
        });
      }
    }
    return found;
  }
}
