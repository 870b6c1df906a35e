import { Inject, Injectable } from '@nestjs/common';
import { FilterQuery, MikroORM } from '@mikro-orm/core';
import { TimeRange } from '@cascade/invoicing-domain';
import { UnpricedUsageEntity, UnpricedUsageRow } from './unpriced-usage.entity';

/** What billing runs could not price, kept per period as the latest run found it. */
@Injectable()
export class UnpricedUsageRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /**
   * Replaces the period's rows with what this run found, in one transaction: of the
   * named buyers only, when named (anniversary buyers sharing a period).
   */
  async replace(
    period: TimeRange,
    rows: readonly UnpricedUsageRow[],
    buyers?: readonly string[],
  ): Promise<void> {
    await this.orm.em.fork().transactional(async (tx) => {
      await tx.nativeDelete(UnpricedUsageEntity, {
        periodStart: period.start,
        periodEnd: period.end,
        ...(buyers ? { buyerTenantId: { $in: [...buyers] } } : {}),
      });
      if (rows.length > 0) await tx.insertMany(UnpricedUsageEntity, [...rows]);
    });
  }

  /**
   * Rows of periods ending in (start, end] on the edges of a subtree: the edge of its
   * root with its seller and every edge below. No tenant: every tree.
   */
  async list(tenantId: string, window: TimeRange): Promise<UnpricedUsageRow[]> {
    const where: FilterQuery<UnpricedUsageRow> = {
      periodEnd: { $gt: window.start, $lte: window.end },
    };
    const rows = await this.orm.em.fork().find(UnpricedUsageEntity, where, {
      orderBy: {
        periodStart: 'asc',
        sellerTenantId: 'asc',
        buyerTenantId: 'asc',
        meterCode: 'asc',
      },
    });
    // Few rows (only what went unpriced): matched here, literally, not with LIKE patterns.
    return tenantId ? rows.filter((r) => r.buyerPath.includes(`/${tenantId}/`)) : rows;
  }
}
