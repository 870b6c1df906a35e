import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { aggregate, Aggregation, UsageFact } from '@cascade/metering-domain';
import { Dec, ZERO } from '@cascade/money';
import { invalidArgument, isPostgres, notFound } from '@cascade/platform';
import { toFact } from './to-fact';
import { MeterRepository } from '../persistence/meter.repository';
import { UsageRepository } from '../persistence/usage.repository';
import { idsOf } from '../tenants/tenant-path';

export interface EdgeQuantity {
  sellerTenantId: string;
  buyerTenantId: string;
  quantity: Dec;
}

const ADDITIVE: Partial<Record<Aggregation, 'sum' | 'count' | 'max'>> = {
  SUM: 'sum',
  COUNT: 'count',
  MAX: 'max',
};

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
    @Inject(MikroORM) private readonly orm: MikroORM,
  ) {}

  async list(
    meterCode: string,
    from: Date,
    to: Date,
  ): Promise<{ unit: string; edges: EdgeQuantity[] }> {
    if (from.getTime() >= to.getTime()) throw invalidArgument('to', 'must be after from');
    const meter = await this.meters.find(meterCode);
    if (!meter) throw notFound('meter', meterCode);
    const aggregation = meter.aggregation as Aggregation;
    const field = ADDITIVE[aggregation];
    const edges = field
      ? await this.fromPathTotals(meterCode, from, to, field)
      : await this.fromFacts(aggregation, meterCode, from, to, meter.property || undefined);
    return { unit: meter.unit, edges };
  }

  private async fromPathTotals(
    meterCode: string,
    from: Date,
    to: Date,
    field: 'sum' | 'count' | 'max',
  ): Promise<EdgeQuantity[]> {
    const totals = await this.usage.pathTotals(
      meterCode,
      from,
      to,
      isPostgres(this.orm.config.getPlatform()),
    );
    const combine =
      field === 'max' ? (a: Dec, b: Dec) => Dec.max(a, b) : (a: Dec, b: Dec) => a.plus(b);
    const byEdge = new Map<string, EdgeQuantity>();
    for (const total of totals) {
      for (const [seller, buyer] of edgesOf(total.path)) {
        const key = `${seller}/${buyer}`;
        const current = byEdge.get(key);
        byEdge.set(key, {
          sellerTenantId: seller,
          buyerTenantId: buyer,
          quantity: current ? combine(current.quantity, total[field]) : total[field],
        });
      }
    }
    return [...byEdge.values()];
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
