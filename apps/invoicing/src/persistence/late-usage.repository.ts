import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { AdjustmentLine, adjustmentLines, BilledUsage, TimeRange } from '@cascade/invoicing-domain';
import { Dec } from '@cascade/money';
import { LateReratingEntity, LateReratingRow } from './late-rerating.entity';
import { chunks, PairKey, pairKey } from './pair-key';
import { run } from './sql';

/** Adjustments an invoice carries, in the currency their periods were billed in. */
export interface Late {
  currency: string;
  lines: AdjustmentLine[];
}

/** A locked invoice of a run's period and what its edge comes to now. */
export interface Rerated extends PairKey {
  invoiceId: string;
  period: TimeRange;
  usage: BilledUsage[];
}

interface BilledRow {
  invoice_id: string;
  seller_tenant_id: string;
  buyer_tenant_id: string;
  kind: string;
  meter_code: string;
  quantity: string | null;
  amount: string;
}

/**
 * Late usage: a finalized invoice never changes, so when re-billing its period finds
 * more (or less) usage, the figures are kept here, and the next invoice of the same
 * seller and buyer bills the difference to what has been billed for the period so far
 * (the finalized invoice plus adjustments on later finalized invoices).
 */
@Injectable()
export class LateUsageRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /** Keeps the re-rated figures of locked invoices that differ from what was billed; clears the rest. */
  async record(rerated: readonly Rerated[], at: Date): Promise<number> {
    if (rerated.length === 0) return 0;
    const em = this.orm.em.fork();
    const billed = await this.billed(em, rerated);
    const existing = await this.existing(em, rerated);
    let differing = 0;
    await em.transactional(async (tx) => {
      for (const r of rerated) {
        const key = `${pairKey(r)}\u0000${r.period.start.getTime()}`;
        const changed = adjustmentLines(billed.get(key) ?? [], r.usage, r.period).length > 0;
        if (existing.has(key)) {
          await tx.nativeDelete(LateReratingEntity, {
            sellerTenantId: r.sellerTenantId,
            buyerTenantId: r.buyerTenantId,
            periodStart: r.period.start,
            periodEnd: r.period.end,
          });
        }
        if (!changed) continue;
        differing += 1;
        for (const u of merged(r.usage)) {
          tx.create(LateReratingEntity, {
            sellerTenantId: r.sellerTenantId,
            buyerTenantId: r.buyerTenantId,
            periodStart: r.period.start,
            periodEnd: r.period.end,
            meterCode: u.meterCode,
            quantity: u.quantity,
            amount: u.amount,
            reratedAt: at,
          });
        }
        await tx.flush();
      }
    });
    return differing;
  }

  /**
   * The adjustment lines the invoice of `period` carries for each pair: every earlier
   * locked period whose re-rating differs from what was billed, unless an earlier
   * draft of the same pair (between that period and this one) carries it already.
   */
  async adjustments(pairs: readonly PairKey[], period: TimeRange): Promise<Map<string, Late>> {
    const em = this.orm.em.fork();
    const wanted = new Set(pairs.map(pairKey));
    const rows: LateReratingRow[] = [];
    for (const slice of chunks([...new Set(pairs.map((p) => p.buyerTenantId))])) {
      rows.push(
        ...(await em.find(LateReratingEntity, {
          buyerTenantId: { $in: slice },
          periodEnd: { $lte: period.start },
        })),
      );
    }
    const groups = new Map<string, LateReratingRow[]>();
    for (const row of rows.filter((r) => wanted.has(pairKey(r)))) {
      const key = `${pairKey(row)}\u0000${row.periodStart.getTime()}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const result = new Map<string, Late>();
    for (const group of groups.values()) {
      const [first] = group;
      const late = { start: first.periodStart, end: first.periodEnd };
      if (await this.carriedByEarlierDraft(em, first, late.end, period.start)) continue;
      const invoice = await run<{ id: string; currency: string }[]>(
        em,
        `select id, currency from invoice where seller_tenant_id = ? and buyer_tenant_id = ? and period_start = ?
           and period_end = ? and status in ('FINALIZED', 'PAID')`,
        [first.sellerTenantId, first.buyerTenantId, late.start.getTime(), late.end.getTime()],
      );
      if (invoice.length === 0) continue;
      const billed = await this.billed(em, [
        { ...first, invoiceId: invoice[0].id, period: late, usage: [] },
      ]);
      const lines = adjustmentLines(
        billed.get(`${pairKey(first)}\u0000${late.start.getTime()}`) ?? [],
        group.map((r) => ({ meterCode: r.meterCode, quantity: r.quantity, amount: r.amount })),
        late,
      );
      if (lines.length === 0) continue;
      const key = pairKey(first);
      const carried = result.get(key) ?? { currency: invoice[0].currency, lines: [] };
      carried.lines.push(...lines);
      result.set(key, carried);
    }
    return result;
  }

  /**
   * Pairs with late usage of a period before `before` still kept: the run bills them
   * an invoice of adjustments when the buyer has no other invoice from the seller
   * (it left the seller, or its plan), so no late unit goes unbilled.
   */
  async pendingPairs(before: Date): Promise<PairKey[]> {
    const rows = await run<{ seller_tenant_id: string; buyer_tenant_id: string }[]>(
      this.orm.em.fork(),
      'select distinct seller_tenant_id, buyer_tenant_id from late_rerating where period_end <= ?',
      [before.getTime()],
    );
    return rows.map((r) => ({
      sellerTenantId: r.seller_tenant_id,
      buyerTenantId: r.buyer_tenant_id,
    }));
  }

  private async carriedByEarlierDraft(
    em: EntityManager,
    pair: PairKey,
    after: Date,
    before: Date,
  ): Promise<boolean> {
    const rows = await run<{ id: string }[]>(
      em,
      `select id from invoice where seller_tenant_id = ? and buyer_tenant_id = ? and status = 'DRAFT'
         and period_start >= ? and period_start < ?`,
      [pair.sellerTenantId, pair.buyerTenantId, after.getTime(), before.getTime()],
    );
    return rows.length > 0;
  }

  /** What was billed for each locked period: its usage lines and later finalized adjustments. */
  private async billed(
    em: EntityManager,
    rerated: readonly Rerated[],
  ): Promise<Map<string, BilledUsage[]>> {
    const billed = new Map<string, BilledUsage[]>();
    const add = (key: string, row: BilledRow) =>
      billed.set(key, [
        ...(billed.get(key) ?? []),
        {
          meterCode: row.meter_code,
          quantity: new Dec(row.quantity ?? 0),
          amount: new Dec(row.amount),
        },
      ]);
    const byPeriod = new Map<number, Rerated[]>();
    for (const r of rerated)
      byPeriod.set(r.period.start.getTime(), [
        ...(byPeriod.get(r.period.start.getTime()) ?? []),
        r,
      ]);
    for (const group of byPeriod.values()) {
      const { period } = group[0];
      for (const slice of chunks(group)) {
        const marks = slice.map(() => '?').join(', ');
        const own = await run<BilledRow[]>(
          em,
          `select l.invoice_id, i.seller_tenant_id, i.buyer_tenant_id, l.kind, l.meter_code, l.quantity, l.amount
           from invoice_line l join invoice i on i.id = l.invoice_id
           where l.invoice_id in (${marks}) and l.kind = 'USAGE'`,
          slice.map((r) => r.invoiceId),
        );
        const later = await run<BilledRow[]>(
          em,
          `select l.invoice_id, i.seller_tenant_id, i.buyer_tenant_id, l.kind, l.meter_code, l.quantity, l.amount
           from invoice_line l join invoice i on i.id = l.invoice_id
           where i.buyer_tenant_id in (${marks}) and i.status in ('FINALIZED', 'PAID')
             and l.kind = 'ADJUSTMENT' and l.from_at = ? and l.to_at = ?`,
          [...slice.map((r) => r.buyerTenantId), period.start.getTime(), period.end.getTime()],
        );
        const wanted = new Set(slice.map(pairKey));
        for (const row of [...own, ...later]) {
          const pair = { sellerTenantId: row.seller_tenant_id, buyerTenantId: row.buyer_tenant_id };
          if (wanted.has(pairKey(pair)))
            add(`${pairKey(pair)}\u0000${period.start.getTime()}`, row);
        }
      }
    }
    return billed;
  }

  private async existing(em: EntityManager, rerated: readonly Rerated[]): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const slice of chunks([...new Set(rerated.map((r) => r.buyerTenantId))])) {
      const rows = await em.find(LateReratingEntity, { buyerTenantId: { $in: slice } });
      for (const row of rows) keys.add(`${pairKey(row)}\u0000${row.periodStart.getTime()}`);
    }
    return keys;
  }
}

/** One row per meter: a plan change splits a meter into several lines. */
function merged(usage: readonly BilledUsage[]): BilledUsage[] {
  const byMeter = new Map<string, BilledUsage>();
  for (const u of usage) {
    const seen = byMeter.get(u.meterCode);
    byMeter.set(
      u.meterCode,
      seen
        ? {
            meterCode: u.meterCode,
            quantity: seen.quantity.plus(u.quantity),
            amount: seen.amount.plus(u.amount),
          }
        : u,
    );
  }
  return [...byMeter.values()];
}
