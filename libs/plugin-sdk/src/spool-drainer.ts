import { ConnectError } from '@connectrpc/connect';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { SdkLogger } from './logger';
import type { Refusal, SendOutcome } from './batch-outcome';
import type { ParkingLot } from './parking-lot';
import { backoffDelay, BackoffPolicy, isRetryable } from './retry';
import { Notifier, sleep } from './signals';
import type { SegmentSpool, SpoolPosition } from './spool/segment-spool';
import type { ClientStats } from './stats';
import { StreamSession } from './stream-session';
import type { OpenStream } from './usage-stream';

export interface DrainerParts {
  spool: SegmentSpool;
  parking: ParkingLot;
  open: OpenStream;
  maxBatch: number;
  maxInFlight: number;
  ackTimeoutMs: number;
  backoff: BackoffPolicy;
  stats: ClientStats;
  logger: SdkLogger;
}

/**
 * The one consumer of the spool: streams its batches to metering in order
 * (a StreamSession per stream), parks refusals, and when a stream breaks
 * opens a new one after a backoff, from the first batch not yet settled.
 */
export class SpoolDrainer {
  /** Notified whenever the drainer catches up with the spool. */
  readonly idle = new Notifier();
  /** The spool's append count when the drainer last caught up. */
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
    const { spool, stats, backoff } = this.parts;
    const signal = this.abort.signal;
    let resumeAt: SpoolPosition = spool.head();
    for (let attempt = 0; !signal.aborted;) {
      const session = new StreamSession(
        {
          ...this.parts,
          open: (streamSignal) => {
            stats.streams += 1;
            return this.parts.open(streamSignal);
          },
          settle: (batch, outcome) => this.settle(batch, outcome),
          caughtUp: (appends) => {
            this.caughtUpAt = appends;
            this.idle.notify();
          },
        },
        resumeAt,
      );
      const end = await session.run(signal);
      resumeAt = end.resumeAt;
      if (end.settled > 0) attempt = 0;
      // Ended idle (nothing unacknowledged): the next batch opens a new stream.
      if (!end.broke) continue;
      const { error, oldest } = end.broke;
      if (!isRetryable(error)) {
        // The stream answers in order, so the error is the oldest batch's.
        const reason = `request: ${ConnectError.from(error).message}`;
        await this.park(oldest.events.map((event) => ({ event, reason })));
        await spool.acknowledge(oldest.next);
        resumeAt = oldest.next;
        continue;
      }
      stats.retries += 1;
      const delay = backoffDelay(attempt, backoff);
      // Every attempt while short, then every tenth: an outage must not flood the log.
      if (attempt < 3 || attempt % 10 === 0)
        this.parts.logger.warn(
          `metering unavailable (attempt ${attempt + 1}, retrying in ${delay.toFixed(0)} ms): ${ConnectError.from(error).message}`,
        );
      attempt += 1;
      await sleep(delay, signal);
    }
  }

  private async settle(batch: readonly UsageEventDraft[], outcome: SendOutcome): Promise<void> {
    const { stats } = this.parts;
    stats.batchesSent += 1;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    stats.accepted += outcome.accepted;
    stats.duplicates += outcome.duplicates;
    stats.conflicts += outcome.conflicts.length;
    if (outcome.conflicts.length > 0)
      this.parts.logger.warn(
        `${outcome.conflicts.length} event(s) reuse an id metering recorded with another payload; the first stays counted, these are settled, not retried: ${outcome.conflicts[0].reason}`,
      );
    await this.park(outcome.refused);
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
