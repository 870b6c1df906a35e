import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { isPostgres, outsideRequest } from '@cascade/platform';
import { UsageRepository } from '../persistence/usage.repository';
import { FOLD_LIMIT } from '../persistence/pending-rollup';
import { countFolded } from '../metrics/fold-metrics';
import { VacuumSchedule } from './vacuum-schedule';

/** Rows other replicas appended are folded within this long even when this one ingests nothing. */
const SWEEP_MS = 1_000;

/**
 * Spreads pending rollups (migration 0007) onto the edges, off the ingest
 * transaction: kicked after each ingest commit, drained until empty, one
 * folder per schema at a time across replicas. Reads count pending rows
 * too, so the folder's lag costs read time, never a missing unit.
 */
@Injectable()
export class RollupFolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('rollups');
  private readonly enabled: boolean;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly vacuums = new VacuumSchedule();

  constructor(
    private readonly usage: UsageRepository,
    @Inject(MikroORM) orm: MikroORM,
  ) {
    this.enabled = isPostgres(orm.config.getPlatform());
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.kick(), SWEEP_MS);
    this.timer.unref();
    this.kick();
  }

  /** Folds soon: now if idle, right after the current fold otherwise. */
  kick(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Kicked from an ingest call: its folds are no part of that call (nor its audit row).
    this.running = outsideRequest(() => this.drain()).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops folding once the fold in flight commits: the connection pool closes after this. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      let taken: number | null = FOLD_LIMIT;
      let folded = 0;
      while (!this.stopped && taken === FOLD_LIMIT) {
        taken = await this.usage.foldPending();
        countFolded(taken ?? 0);
        folded += taken ?? 0;
      }
      if (!this.stopped && this.vacuums.afterDrain(folded)) await this.usage.vacuumPending();
    } catch (error) {
      this.log.warn(`folding pending rollups failed; the next sweep tries again: ${String(error)}`);
    }
  }
}
