import { Injectable } from '@nestjs/common';
import {
  aggregate,
  Aggregation,
  EdgePartial,
  partialValue,
  ROLLED_UP,
  UsageFact,
} from '@cascade/metering-domain';
import { PartialsReader } from './partials-reader';
import { Dec, ZERO } from '@cascade/money';
import { notFound } from '@cascade/platform';
import { toFact } from './to-fact';
import { MeterRepository } from '../persistence/meter.repository';
import { UsageRepository } from '../persistence/usage.repository';
import { idsOf } from '../tenants/tenant-path';

export interface EdgeQuantity {
  sellerTenantId: string;
  buyerTenantId: string;
  quantity: Dec;
}

/** Every edge a path runs through: "/a/b/c/" bills a→b and b→c. */
function edgesOf(path: string): [string, string][] {
  const ids = idsOf(path);
  return ids.slice(1).map((buyer, i) => [ids[i], buyer]);
}

/**
 * Quantities of one meter on every billing edge at once. Usage facts carry
 * their ancestor path as of event time, so one pass over them attributes each
 * fact to every edge above it, across moves.
 */
@Injectable()
export class EdgeUsageService {
  constructor(
    private readonly usage: UsageRepository,
    private readonly meters: MeterRepository,
    private readonly partials: PartialsReader,
  ) {}

  async list(
    meterCode: string,
    from: Date,
    to: Date,
  ): Promise<{ unit: string; edges: EdgeQuantity[] }> {
    const meter = await this.meters.find(meterCode);
    if (!meter) throw notFound('meter', meterCode);
    const aggregation = meter.aggregation as Aggregation;
    const edges = ROLLED_UP.has(aggregation)
      ? await this.fromPartials(aggregation, meterCode, from, to)
      : await this.fromFacts(aggregation, meterCode, from, to, meter.property || undefined);
    return { unit: meter.unit, edges };
  }

  /**
   * SUM, COUNT and MAX: the edge rollups grouped by (seller, buyer) in SQL, so
   * the answer holds one row per edge, never the facts of the window.
   */
  private async fromPartials(
    aggregation: Aggregation,
    meterCode: string,
    from: Date,
    to: Date,
  ): Promise<EdgeQuantity[]> {
    const partials = await this.partials.of([meterCode], from, to, { edgesOnly: true }, [
      'ancestor',
      'child',
    ]);
    const byEdge = new Map<string, EdgePartial[]>();
    for (const p of partials) {
      const key = `${p.ancestorId}/${p.childId}`;
      byEdge.set(key, [...(byEdge.get(key) ?? []), p]);
    }
    return [...byEdge.values()].map((list) => ({
      sellerTenantId: list[0].ancestorId,
      buyerTenantId: list[0].childId,
      quantity: partialValue(aggregation, list),
    }));
  }

  /** Distinct counts, latest values and gauges do not add up across paths: aggregate each edge's own facts. */
  private async fromFacts(
    aggregation: Aggregation,
    meterCode: string,
    from: Date,
    to: Date,
    property?: string,
  ): Promise<EdgeQuantity[]> {
    const stored = await this.usage.select({
      meterCode,
      before: to,
      from: aggregation === 'TIME_WEIGHTED' ? undefined : from,
    });
    const byEdge = new Map<string, { seller: string; buyer: string; facts: UsageFact[] }>();
    for (const s of stored) {
      for (const [seller, buyer] of edgesOf(s.path)) {
        const key = `${seller}/${buyer}`;
        const entry = byEdge.get(key) ?? { seller, buyer, facts: [] };
        entry.facts.push(toFact(s));
        byEdge.set(key, entry);
      }
    }
    return [...byEdge.values()]
      .map((e) => ({
        sellerTenantId: e.seller,
        buyerTenantId: e.buyer,
        quantity: aggregate(aggregation, e.facts, { from, to }, { property }),
      }))
      .filter((e) => !e.quantity.eq(ZERO));
  }
}
