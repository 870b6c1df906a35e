import { Injectable } from '@nestjs/common';
import { HourlyPartial, isHourAligned, rollupOf } from '@cascade/metering-domain';
import { UsageRepository } from '../persistence/usage.repository';

export interface PartialsScope {
  /** Facts of a subtree ("/id/") or of an edge ("/parent/id/"). */
  pathSegment?: string;
  /** The tenant's own facts only. */
  tenantId?: string;
}

/**
 * Hourly partials of an additive meter: the stored rollups when the window is
 * hour-aligned (billing periods always are), otherwise folded from the facts.
 */
@Injectable()
export class PartialsReader {
  constructor(private readonly usage: UsageRepository) {}

  async of(
    meterCode: string,
    from: Date,
    to: Date,
    scope: PartialsScope = {},
  ): Promise<HourlyPartial[]> {
    if (isHourAligned(from) && isHourAligned(to))
      return this.usage.rollups(meterCode, from, to, scope);
    const facts = await this.usage.select({ meterCode, from, before: to, ...scope });
    return rollupOf(
      facts.map((f) => ({
        meterCode,
        path: f.path,
        ts: f.timestamp.getTime(),
        quantity: f.quantity,
      })),
    );
  }
}
