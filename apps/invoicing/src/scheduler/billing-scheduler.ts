import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { formatRange, scheduleTick, TimeRange } from '@cascade/invoicing-domain';
import { BillingRunService } from '../billing/billing-run.service';
import { InvoiceService } from '../invoices/invoice.service';
import { ScheduleStateRepository } from '../persistence/schedule-state.repository';
import { SchedulerLeaseRepository } from '../persistence/scheduler-lease.repository';
import { SchedulerClock } from './scheduler-clock';
import { SchedulerConfig } from './scheduler-config';

export const SCHEDULER_CONFIG = Symbol('SCHEDULER_CONFIG');

const LEASE = 'billing';
/** Long enough for the few statements between two renewals; a run renews it before it starts. */
const LEASE_MS = 10 * 60_000;
/** A RUNNING run silent this long has stopped (a chunk reports far more often). */
const STALLED_AFTER_MS = 15 * 60_000;
/** The user every scheduled run is attributed to in ListBillingRuns. */
export const SCHEDULER = 'scheduler';

/** What one tick did. */
export interface TickReport {
  /** False: another replica holds the lease, and this tick did nothing. */
  leased: boolean;
  runs: { window: TimeRange; runId: string; ok: boolean }[];
  finalized: string[];
}

/**
 * Bills each month when it ends and finalizes drafts after the grace, on one replica
 * at a time: a tick first claims the lease row; the rest decides what to do from the
 * runs and drafts in the database (scheduleTick), so whichever replica ticks next
 * decides the same and never repeats what is done. A failed run is logged and tried
 * again at the next tick.
 */
@Injectable()
export class BillingScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('scheduler');
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly billing: BillingRunService,
    private readonly invoices: InvoiceService,
    private readonly state: ScheduleStateRepository,
    private readonly lease: SchedulerLeaseRepository,
    private readonly clock: SchedulerClock,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.enabled) return;
    this.log.log(
      `on: checking every ${this.config.intervalMs / 1000}s, finalizing drafts ${this.config.graceMs / 3_600_000}h after their period`,
    );
    this.schedule(0);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async tick(): Promise<TickReport> {
    const report: TickReport = { leased: false, runs: [], finalized: [] };
    const now = this.clock.now();
    if (!(await this.renew())) {
      this.log.debug(`tick ${now.toISOString()}: another replica holds the lease`);
      return report;
    }
    report.leased = true;
    try {
      const { graceMs } = this.config;
      const decision = scheduleTick({
        now,
        runs: await this.state.runs(),
        drafts: await this.state.drafts(new Date(now.getTime() - graceMs)),
        graceMs,
        stalledAfterMs: STALLED_AFTER_MS,
      });
      for (const month of decision.waiting)
        this.log.log(`${formatRange(month)}: a run is in progress; waiting for it`);
      for (const month of decision.runs) {
        if (!(await this.renew())) return report;
        const outcome = await this.bill(month);
        report.runs.push(outcome);
        if (!outcome.ok) break;
      }
      if (decision.finalize.length > 0 && (await this.renew()))
        report.finalized = await this.finalize(decision.finalize);
    } finally {
      await this.lease.release(LEASE, this.holder);
    }
    return report;
  }

  private async bill(month: TimeRange): Promise<TickReport['runs'][number]> {
    const label = formatRange(month);
    this.log.log(`${label}: billing`);
    let runId = '';
    try {
      const { run } = await this.billing.run(
        month,
        { preview: false, startedBy: SCHEDULER, at: this.clock.now() },
        (started) => (runId = started.id),
      );
      this.log.log(`${label}: run ${run.id} billed ${run.invoicesBilled} invoices`);
      return { window: month, runId: run.id, ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(
        `${label}: run ${runId || '(not started)'} failed, retried at the next tick: ${message}`,
      );
      return { window: month, runId, ok: false };
    }
  }

  /** Each draft on its own: one that cannot be finalized now is tried again next tick. */
  private async finalize(ids: readonly string[]): Promise<string[]> {
    const done: string[] = [];
    for (const id of ids) {
      try {
        const { invoice } = await this.invoices.finalize(id, this.clock.now());
        done.push(id);
        this.log.log(`invoice ${id}: finalized as ${invoice.number}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.log.warn(`invoice ${id}: not finalized, tried again at the next tick: ${message}`);
      }
    }
    return done;
  }

  private renew(): Promise<boolean> {
    const now = this.clock.now();
    return this.lease.claim(LEASE, this.holder, now, new Date(now.getTime() + LEASE_MS));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick()
        .catch((error: unknown) =>
          this.log.error(
            `tick failed, tried again in ${this.config.intervalMs / 1000}s: ${String(error)}`,
          ),
        )
        .finally(() => this.schedule(this.config.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
