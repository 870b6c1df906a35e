import { Code, ConnectError } from '@connectrpc/connect';
import { Aggregation } from '@cascade/contracts';
import { GAUGE_DEFINITIONS, GAUGE_METERS, GaugeName } from '@cascade/plugin-sdk/domain';
import type { MeteringConnection } from './metering-connection';

/**
 * Creates the lifecycle gauges' meters that metering does not have yet, as
 * TIME_WEIGHTED. An existing meter with another aggregation is an operator's
 * mistake that would silently mis-bill, so it stops the adapter instead.
 * Returns the codes it created.
 */
export async function ensureGaugeMeters(connection: MeteringConnection): Promise<string[]> {
  const existing = new Map((await connection.meters.listMeters({})).meters.map((m) => [m.code, m]));
  const created: string[] = [];
  for (const gauge of Object.keys(GAUGE_METERS) as GaugeName[]) {
    const code = GAUGE_METERS[gauge];
    const found = existing.get(code);
    if (found) {
      if (found.aggregation !== Aggregation.TIME_WEIGHTED)
        throw new Error(
          `meter ${code} exists with aggregation ${Aggregation[found.aggregation]}, expected TIME_WEIGHTED`,
        );
      continue;
    }
    try {
      await connection.meters.createMeter({
        code,
        ...GAUGE_DEFINITIONS[gauge],
        aggregation: Aggregation.TIME_WEIGHTED,
      });
      created.push(code);
    } catch (error) {
      // Another adapter replica created it between our list and create.
      if (ConnectError.from(error).code !== Code.AlreadyExists) throw error;
    }
  }
  return created;
}
