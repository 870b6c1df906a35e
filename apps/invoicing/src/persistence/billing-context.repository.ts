import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { SubscriptionSpan, TimeRange } from '@cascade/invoicing-domain';
import { Dec } from '@cascade/money';
import { BillingSettingsEntity, BillingSettingsRow } from './billing-settings.entity';
import { fromMinor } from './credit-ledger';
import { FeeInterval } from './invoice-line.entity';
import { chunks, PairKey, pairKey } from './pair-key';
import { run } from './sql';
import { SubscriptionCancellationEntity } from './subscription-cancellation.entity';

/** What billing one edge needs besides rating's answer, read for a whole chunk at once. */
export interface PairContext {
  /** Fees earlier invoices billed in advance for the period. */
  billedFees: SubscriptionSpan[];
  cancelAt?: Date;
  credits?: { currency: string; balance: Dec };
}

export interface ChunkContext {
  pairs: Map<string, PairContext>;
  /** Buyers' settings, by buyer id (none: calendar, untaxed). */
  settings: Map<string, BillingSettingsRow>;
}

interface FeeRow {
  seller_tenant_id: string;
  buyer_tenant_id: string;
  plan_id: string;
  plan_version: number | string;
  period_fee: string;
  fee_interval: FeeInterval;
  from_at: number | string;
  to_at: number | string;
}

/** Reads for a billing run, a chunk of edges of one period at a time: a few queries per chunk. */
@Injectable()
export class BillingContextRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async load(pairs: readonly PairKey[], period: TimeRange): Promise<ChunkContext> {
    const em = this.orm.em.fork();
    const context = new Map<string, PairContext>(
      pairs.map((p) => [pairKey(p), { billedFees: [] }]),
    );
    const at = (p: PairKey) => context.get(pairKey(p));
    const buyers = [...new Set(pairs.map((p) => p.buyerTenantId))];
    const settings = new Map<string, BillingSettingsRow>();
    for (const slice of chunks(buyers)) {
      const marks = slice.map(() => '?').join(', ');
      const fees = await run<FeeRow[]>(
        em,
        `select i.seller_tenant_id, i.buyer_tenant_id, l.plan_id, l.plan_version,
           l.period_fee, l.fee_interval, l.from_at, l.to_at
         from invoice i join invoice_line l on l.invoice_id = i.id
         where i.buyer_tenant_id in (${marks}) and i.status not in ('VOID', 'DISCARDED') and i.period_end <= ?
           and l.kind = 'SUBSCRIPTION_FEE' and l.period_fee is not null
           and l.from_at >= ? and l.to_at <= ?`,
        [...slice, period.start.getTime(), period.start.getTime(), period.end.getTime()],
      );
      for (const row of fees) {
        at({
          sellerTenantId: row.seller_tenant_id,
          buyerTenantId: row.buyer_tenant_id,
        })?.billedFees.push({
          planId: row.plan_id,
          version: Number(row.plan_version),
          subscriptionFee: new Dec(row.period_fee),
          interval: row.fee_interval,
          from: new Date(Number(row.from_at)),
          to: new Date(Number(row.to_at)),
        });
      }
      for (const row of await em.find(SubscriptionCancellationEntity, {
        buyerTenantId: { $in: slice },
      })) {
        const pair = at(row);
        if (pair) pair.cancelAt = row.effectiveAt;
      }
      for (const row of await em.find(BillingSettingsEntity, { buyerTenantId: { $in: slice } }))
        settings.set(row.buyerTenantId, row);
      const balances = await run<
        {
          seller_tenant_id: string;
          buyer_tenant_id: string;
          currency: string;
          balance_minor: string;
        }[]
      >(
        em,
        `select seller_tenant_id, buyer_tenant_id, currency, cast(balance_minor as text) as balance_minor
         from credit_balance where buyer_tenant_id in (${marks})`,
        slice,
      );
      for (const row of balances) {
        const pair = at({
          sellerTenantId: row.seller_tenant_id,
          buyerTenantId: row.buyer_tenant_id,
        });
        if (pair)
          pair.credits = {
            currency: row.currency,
            balance: fromMinor(row.balance_minor, row.currency),
          };
      }
    }
    return { pairs: context, settings };
  }

  /** Buyers billed on an anniversary, with their anchors: read once per run. */
  async anniversaryBuyers(): Promise<Map<string, Date>> {
    const rows = await this.orm.em
      .fork()
      .find(
        BillingSettingsEntity,
        { anchor: 'ANNIVERSARY' },
        { fields: ['buyerTenantId', 'anniversaryAt'] },
      );
    return new Map(
      rows
        .filter((r) => r.anniversaryAt !== null)
        .map((r) => [r.buyerTenantId, r.anniversaryAt as Date]),
    );
  }
}
