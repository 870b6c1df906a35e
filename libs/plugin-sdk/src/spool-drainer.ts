import { ConnectError } from '@connectrpc/connect';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { SdkLogger } from './logger';
import type { Refusal, SendOutcome } from './metering-sender';
import type { ParkingLot } from './parking-lot';
import { backoffDelay, BackoffPolicy, isRetryable } from './retry';
import { Notifier, sleep } from './signals';
import type { SegmentSpool } from './spool/segment-spool';
import type { ClientStats } from './stats';

export interface DrainerParts {
  spool: SegmentSpool;
  parking: ParkingLot;
  send: (batch: readonly UsageEventDraft[], signal: AbortSignal) => Promise<SendOutcome>;
  maxBatch: number;
  backoff: BackoffPolicy;
  stats: ClientStats;
  logger: SdkLogger;
}

/**
 * The one consumer of the spool: reads batches in order, sends each until
 * metering answers, parks refusals, then acknowledges (deletes) what is done.
 * Only one batch is ever in flight, which is what keeps delivery in order.
 */
export class SpoolDrainer {
  /** Notified whenever the drainer catches up with the spool. */
  readonly idle = new Notifier();
  /** The spool's append count when a read last came back empty. */
  private caughtUpAt = -1;
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(private readonly parts: DrainerParts) {}

  start(): void {
    this.running ??= this.supervise();
  }

  /** True when every appended event has been sent or parked. */
  isCaughtUp(): boolean {
    return this.caughtUpAt === this.parts.spool.appends;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /**
   * Keeps the loop alive through local failures (a spool or parking-lot
   * error): it restarts from the spool's head after a backoff, resending at
   * worst what metering will count as duplicates.
   */
  private async supervise(): Promise<void> {
    const signal = this.abort.signal;
    for (let failures = 0; !signal.aborted; failures++) {
      try {
        return await this.loop();
      } catch (error) {
        this.parts.logger.error(`drainer failed, restarting: ${String(error)}`);
        await sleep(backoffDelay(failures, this.parts.backoff), signal);
      }
    }
  }

  private async loop(): Promise<void> {
    const { spool, maxBatch } = this.parts;
    const signal = this.abort.signal;
    let position = spool.head();
    while (!signal.aborted) {
      // Taken before reading, so an append during the read is never missed.
      const appendsBefore = spool.appends;
      const { events, next } = await spool.read(position, maxBatch);
      if (events.length === 0) {
        position = next;
        await spool.acknowledge(position);
        this.caughtUpAt = appendsBefore;
        this.idle.notify();
        // Checked and registered in one tick: no append can slip in between.
        if (spool.appends === appendsBefore) await spool.appended.wait(signal);
        continue;
      }
      const outcome = await this.sendUntilAnswered(events, signal);
      if (!outcome) return;
      await this.park(outcome.refused);
      position = next;
      await spool.acknowledge(position);
    }
  }

  /** Retries with backoff until metering answers; undefined only when stopped. */
  private async sendUntilAnswered(
    batch: readonly UsageEventDraft[],
    signal: AbortSignal,
  ): Promise<SendOutcome | undefined> {
    const { stats, logger, backoff } = this.parts;
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const outcome = await this.parts.send(batch, signal);
        stats.batchesSent += 1;
        stats.largestBatch = Math.max(stats.largestBatch, batch.length);
        stats.accepted += outcome.accepted;
        stats.duplicates += outcome.duplicates;
        return outcome;
      } catch (error) {
        if (signal.aborted) return undefined;
        if (!isRetryable(error)) {
          const reason = `request: ${ConnectError.from(error).message}`;
          return { accepted: 0, duplicates: 0, refused: batch.map((event) => ({ event, reason })) };
        }
        stats.retries += 1;
        const delay = backoffDelay(attempt, backoff);
        // Every attempt while short, then every tenth: an outage must not flood the log.
        if (attempt < 3 || attempt % 10 === 0)
          logger.warn(
            `metering unavailable (attempt ${attempt + 1}, retrying in ${delay.toFixed(0)} ms): ${ConnectError.from(error).message}`,
          );
        await sleep(delay, signal);
      }
    }
    return undefined;
  }

  private async park(refused: readonly Refusal[]): Promise<void> {
    if (refused.length === 0) return;
    await this.parts.parking.park(refused);
    this.parts.stats.parked += refused.length;
    const reasons = [...new Set(refused.map((r) => r.reason))];
    this.parts.logger.warn(
      `parked ${refused.length} event(s), never dropped: ${reasons.slice(0, 5).join('; ')}${reasons.length > 5 ? '; …' : ''} (list with parked(), resend with retryParked())`,
    );
  }
}
