import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { run } from './sql';

/** What the metrics read at scrape time: two aggregate queries, no rows. */
@Injectable()
export class InvoicingStateRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async invoicesByStatus(): Promise<Map<string, number>> {
    const rows = await run<{ status: string; n: number | string }[]>(
      this.orm.em.fork(),
      'select status, count(*) as n from invoice group by status',
    );
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  async outboxHead(): Promise<bigint> {
    const [row] = await run<{ head: number | string | null }[]>(
      this.orm.em.fork(),
      'select max(sequence) as head from invoice_event',
    );
    return BigInt(row?.head ?? 0);
  }
}
