import { Injectable } from '@nestjs/common';
import { Aggregation, EdgePartial, partialValue, ROLLED_UP } from '@cascade/metering-domain';
import { Dec, ZERO } from '@cascade/money';
import { notFound } from '@cascade/platform';
import { MeterRow } from '../persistence/meter.entity';
import { MeterRepository } from '../persistence/meter.repository';
import { TenantRow } from '../persistence/tenant.entity';
import { TenantRepository } from '../persistence/tenant.repository';
import { PartialsReader } from './partials-reader';
import { UsageService } from './usage.service';

export interface TreeSummaryQuery {
  tenant: { id: string; externalRef: string };
  from: Date;
  to: Date;
  meterCodes: readonly string[];
  /** Checked: 1 to 1000. */
  pageSize: number;
  /** The checked page token: how many children earlier pages held. */
  offset: number;
}

export interface MeterQuantity {
  meter: MeterRow;
  quantity: Dec;
}

export interface TreeSummary {
  tenant: TenantRow;
  own: MeterQuantity[];
  subtree: MeterQuantity[];
  children: { tenant: TenantRow; totals: MeterQuantity[]; childCount: number }[];
  nextPageToken: string;
}

/** One meter's totals on one tree level. */
interface LevelTotals {
  /** Whether the subtree has any usage of the meter in the window. */
  used: boolean;
  subtree: Dec;
  /** By child id; the node's own id for its own use. */
  byChild: ReadonlyMap<string, Dec>;
}

/**
 * One level of the tree in one call: for a node and a window, per meter, its
 * own use, its subtree and each direct child's subtree while under it. Additive
 * meters read one grouped query over the node's edge rollups for all meters;
 * distinct counts, latest values and gauges do not add across children and are
 * computed from facts per child (docs/ARCHITECTURE.md says what that costs).
 */
@Injectable()
export class TreeSummaryService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly meters: MeterRepository,
    private readonly partials: PartialsReader,
    private readonly usage: UsageService,
  ) {}

  async summarize(q: TreeSummaryQuery): Promise<TreeSummary> {
    const { pageSize: size, offset } = q;
    const em = this.tenants.em();
    const node = q.tenant.id
      ? await this.tenants.findById(em, q.tenant.id)
      : await this.tenants.findByExternalRef(em, q.tenant.externalRef);
    if (!node) throw notFound('tenant', q.tenant.id || q.tenant.externalRef);
    const meters = await this.requestedMeters(q.meterCodes);
    const rows = await this.tenants.childrenDuring(em, node.id, q, size + 1, offset);
    const page = rows.slice(0, size);
    const counts = await this.tenants.childCounts(
      em,
      page.map((c) => c.id),
    );
    const additive = meters.filter((m) => ROLLED_UP.has(m.aggregation as Aggregation));
    const totals = await this.additiveTotals(node.id, additive, q);
    for (const meter of meters.filter((m) => !additive.includes(m)))
      totals.set(meter.code, await this.factTotals(node.id, meter, page, q));
    const shown = q.meterCodes.length > 0 ? meters : meters.filter((m) => totals.get(m.code)?.used);
    const per = (pick: (t: LevelTotals) => Dec | undefined) =>
      shown.map((meter) => ({
        meter,
        quantity: pick(totals.get(meter.code) as LevelTotals) ?? ZERO,
      }));
    return {
      tenant: node,
      own: per((t) => t.byChild.get(node.id)),
      subtree: per((t) => t.subtree),
      children: page.map((tenant) => ({
        tenant,
        totals: per((t) => t.byChild.get(tenant.id)),
        childCount: counts.get(tenant.id) ?? 0,
      })),
      nextPageToken: rows.length > size ? String(offset + size) : '',
    };
  }

  /** The meters asked for, each known; none asked for is every meter, in code order. */
  private async requestedMeters(codes: readonly string[]): Promise<MeterRow[]> {
    const all = await this.meters.list();
    if (codes.length === 0) return all;
    const byCode = new Map(all.map((m) => [m.code, m]));
    return [...new Set(codes)].map((code) => {
      const meter = byCode.get(code);
      if (!meter) throw notFound('meter', code);
      return meter;
    });
  }

  /** Every additive meter of the level from one grouped read of the node's edge rollups. */
  private async additiveTotals(
    nodeId: string,
    meters: readonly MeterRow[],
    window: { from: Date; to: Date },
  ): Promise<Map<string, LevelTotals>> {
    const partials = await this.partials.of(
      meters.map((m) => m.code),
      window.from,
      window.to,
      { ancestorId: nodeId },
      ['child'],
    );
    const byMeter = new Map<string, EdgePartial[]>();
    for (const p of partials) byMeter.set(p.meterCode, [...(byMeter.get(p.meterCode) ?? []), p]);
    const totals = new Map<string, LevelTotals>();
    for (const meter of meters) {
      const aggregation = meter.aggregation as Aggregation;
      const list = byMeter.get(meter.code) ?? [];
      const byChild = new Map<string, EdgePartial[]>();
      for (const p of list) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
      totals.set(meter.code, {
        used: list.length > 0,
        subtree: partialValue(aggregation, list),
        byChild: new Map(
          [...byChild].map(([child, rows]) => [child, partialValue(aggregation, rows)]),
        ),
      });
    }
    return totals;
  }

  /** A meter that does not add across children: the node, its subtree and each child of the page from facts. */
  private async factTotals(
    nodeId: string,
    meter: MeterRow,
    children: readonly TenantRow[],
    window: { from: Date; to: Date },
  ): Promise<LevelTotals> {
    const ask = (tenantId: string, includeDescendants: boolean, attributedParentId = '') =>
      this.usage
        .query({
          tenantId,
          meterCode: meter.code,
          ...window,
          includeDescendants,
          attributedParentId,
        })
        .then((a) => a.total);
    const subtree = await ask(nodeId, true);
    const byChild = new Map<string, Dec>([[nodeId, await ask(nodeId, false)]]);
    for (const child of children) byChild.set(child.id, await ask(child.id, true, nodeId));
    return { used: !subtree.isZero(), subtree, byChild };
  }
}
