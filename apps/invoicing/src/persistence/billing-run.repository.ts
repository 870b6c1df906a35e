import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FilterQuery, MikroORM } from '@mikro-orm/core';
import { TimeRange } from '@cascade/invoicing-domain';
import { BillingRunEntity, BillingRunRow, noCounts, RunCounts } from './billing-run.entity';

/** Runs listed per call at most. */
const LIST_LIMIT = 200;

/** How a run was asked for. */
export interface RunStart {
  /** A preview of a period not yet ended: its drafts are never finalized. */
  preview: boolean;
  /** "scheduler", the caller's key id, or "operator". */
  startedBy: string;
  /** When the run starts: the scheduler's tick; the wall clock when not given. */
  at?: Date;
}

@Injectable()
export class BillingRunRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /**
   * A new RUNNING run of the window. `resumes` names the latest unfinished run of the
   * same window (FAILED, or RUNNING but silent: a crash), whose work this one completes.
   */
  async start(window: TimeRange, at: Date, started: RunStart): Promise<BillingRunRow> {
    const em = this.orm.em.fork();
    const unfinished = await em.findOne(
      BillingRunEntity,
      {
        periodStart: window.start,
        periodEnd: window.end,
        status: { $in: ['RUNNING', 'FAILED'] },
        supersededBy: null,
        preview: started.preview ? 1 : 0,
      },
      { orderBy: { startedAt: 'desc' } },
    );
    const run = em.create(BillingRunEntity, {
      id: randomUUID(),
      periodStart: window.start,
      periodEnd: window.end,
      status: 'RUNNING',
      ...noCounts(),
      startedAt: at,
      finishedAt: null,
      progressAt: at,
      error: null,
      supersededBy: null,
      resumes: unfinished?.id ?? null,
      preview: started.preview ? 1 : 0,
      startedBy: started.startedBy,
    });
    await em.flush();
    return run;
  }

  async progress(id: string, counts: RunCounts, at: Date): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(BillingRunEntity, { id, status: 'RUNNING' }, { ...counts, progressAt: at });
  }

  async fail(id: string, counts: RunCounts, error: string, at: Date): Promise<void> {
    await this.orm.em.fork().nativeUpdate(
      BillingRunEntity,
      { id, status: 'RUNNING' },
      {
        ...counts,
        status: 'FAILED',
        error: error.slice(0, 4000),
        finishedAt: at,
        progressAt: at,
      },
    );
  }

  /**
   * Ends the run, and with it every earlier run of the window it made redundant: one
   * left RUNNING that has not reported since this run started is dead (its process
   * stopped), and is marked SUPERSEDED; a FAILED one keeps its status and says who
   * finished its work. A run still alive elsewhere keeps reporting, so it is left alone.
   */
  async succeed(run: BillingRunRow, counts: RunCounts, at: Date): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await em.nativeUpdate(
        BillingRunEntity,
        { id: run.id, status: 'RUNNING' },
        { ...counts, status: 'SUCCEEDED', finishedAt: at, progressAt: at },
      );
      const window = { periodStart: run.periodStart, periodEnd: run.periodEnd };
      await em.nativeUpdate(
        BillingRunEntity,
        {
          ...window,
          id: { $ne: run.id },
          status: 'RUNNING',
          startedAt: { $lt: run.startedAt },
          progressAt: { $lt: run.startedAt },
        },
        { status: 'SUPERSEDED', supersededBy: run.id, finishedAt: at },
      );
      await em.nativeUpdate(
        BillingRunEntity,
        { ...window, status: 'FAILED', startedAt: { $lt: run.startedAt }, supersededBy: null },
        { supersededBy: run.id },
      );
    });
  }

  async get(id: string): Promise<BillingRunRow | null> {
    return this.orm.em.fork().findOne(BillingRunEntity, { id });
  }

  /** The runs RUNNING now, or that started, reported or ended at `since` or later: the newest. */
  async activeSince(since: Date): Promise<BillingRunRow[]> {
    return this.orm.em.fork().find(
      BillingRunEntity,
      {
        $or: [
          { status: 'RUNNING' },
          { progressAt: { $gte: since } },
          { finishedAt: { $gte: since } },
        ],
      },
      { orderBy: { startedAt: 'desc', id: 'asc' }, limit: LIST_LIMIT },
    );
  }

  async list(window?: TimeRange): Promise<BillingRunRow[]> {
    const where: FilterQuery<BillingRunRow> = window
      ? { periodStart: window.start, periodEnd: window.end }
      : {};
    return this.orm.em.fork().find(BillingRunEntity, where, {
      orderBy: { startedAt: 'desc', id: 'asc' },
      limit: LIST_LIMIT,
    });
  }
}
