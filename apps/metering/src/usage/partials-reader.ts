import { Injectable } from '@nestjs/common';
import { EdgePartial, edgeRollupOf, HOUR_MS, hourOf } from '@cascade/metering-domain';
import { EdgeKey, EdgeScope, UsageRepository } from '../persistence/usage.repository';

/**
 * Hourly edge partials of additive meters over any window: the stored rollups
 * for its whole hours (billing periods have nothing else), and for a ragged
 * first or last hour the facts of that meter within it, folded onto their
 * edges here — bounded by the facts of under an hour at each end.
 */
@Injectable()
export class PartialsReader {
  constructor(private readonly usage: UsageRepository) {}

  async of(
    meterCodes: readonly string[],
    from: Date,
    to: Date,
    scope: EdgeScope,
    by: readonly EdgeKey[],
  ): Promise<EdgePartial[]> {
    const firstWhole = hourOf(from.getTime() + HOUR_MS - 1);
    const lastWhole = hourOf(to.getTime());
    if (firstWhole >= lastWhole) return this.fromFacts(meterCodes, from, to, scope);
    const whole = await this.usage.edgeRollups(
      meterCodes,
      new Date(firstWhole),
      new Date(lastWhole),
      scope,
      by,
    );
    const head = await this.fromFacts(meterCodes, from, new Date(firstWhole), scope);
    const tail = await this.fromFacts(meterCodes, new Date(lastWhole), to, scope);
    return [...head, ...whole, ...tail];
  }

  private async fromFacts(
    meterCodes: readonly string[],
    from: Date,
    to: Date,
    scope: EdgeScope,
  ): Promise<EdgePartial[]> {
    if (from.getTime() >= to.getTime()) return [];
    const partials: EdgePartial[] = [];
    for (const meterCode of meterCodes) {
      const facts = await this.usage.select({ meterCode, from, before: to });
      const folded = edgeRollupOf(
        facts.map((f) => ({
          meterCode,
          path: f.path,
          ts: f.timestamp.getTime(),
          quantity: f.quantity,
        })),
      );
      partials.push(...folded.filter((p) => inScope(p, scope)));
    }
    return partials;
  }
}

function inScope(p: EdgePartial, scope: EdgeScope): boolean {
  return (
    (!scope.ancestorId || p.ancestorId === scope.ancestorId) &&
    (!scope.childId || p.childId === scope.childId) &&
    (!scope.edgesOnly || p.ancestorId !== p.childId)
  );
}
