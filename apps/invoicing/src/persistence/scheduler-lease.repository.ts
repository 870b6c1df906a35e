import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { run } from './sql';

/**
 * A lease row per job: whoever holds an unexpired lease is the only replica doing the
 * job. Claiming is one conditional UPDATE — it succeeds for the holder itself or once
 * the lease has expired — so of replicas claiming at once exactly one wins (the row
 * lock serializes them on PostgreSQL, the one writer on SQLite).
 */
@Injectable()
export class SchedulerLeaseRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /** Takes (or extends) the lease until `until`; false while another holder's lease runs. */
  async claim(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const claimed = await run<{ name: string }[]>(
      this.orm.em.fork(),
      `update scheduler_lease set holder = ?, expires_at = ?
       where name = ? and (holder = ? or expires_at <= ?)
       returning name`,
      [holder, until.getTime(), name, holder, now.getTime()],
    );
    return claimed.length === 1;
  }

  /** Lets the lease go at once, if still held by `holder`. */
  async release(name: string, holder: string): Promise<void> {
    await run(
      this.orm.em.fork(),
      'update scheduler_lease set expires_at = 0 where name = ? and holder = ?',
      [name, holder],
    );
  }
}
