import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ScheduledDraft, ScheduledRunRecord } from '@cascade/invoicing-domain';
import { BillingRunEntity } from './billing-run.entity';
import { InvoiceEntity } from './invoice.entity';

/** What the billing scheduler decides a tick from: the real runs and the open drafts. */
@Injectable()
export class ScheduleStateRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /**
   * Non-preview runs that billed a month or may still be billing it, whoever started
   * them: a month an operator billed by hand is billed. A few rows a month.
   */
  async runs(): Promise<ScheduledRunRecord[]> {
    const rows = await this.orm.em
      .fork()
      .find(
        BillingRunEntity,
        { preview: 0, status: { $in: ['SUCCEEDED', 'RUNNING'] } },
        { fields: ['periodStart', 'periodEnd', 'status', 'startedAt', 'progressAt'] },
      );
    return rows.map((r) => ({
      window: { start: r.periodStart, end: r.periodEnd },
      status: r.status,
      startedAt: r.startedAt,
      progressAt: r.progressAt,
    }));
  }

  /** Non-preview drafts whose period ended at or before `endedBy`. */
  async drafts(endedBy: Date): Promise<ScheduledDraft[]> {
    const rows = await this.orm.em
      .fork()
      .find(
        InvoiceEntity,
        { status: 'DRAFT', preview: 0, periodEnd: { $lte: endedBy } },
        { fields: ['id', 'periodEnd'], orderBy: { periodEnd: 'asc', id: 'asc' } },
      );
    return rows.map((r) => ({ id: r.id, periodEnd: r.periodEnd }));
  }
}
