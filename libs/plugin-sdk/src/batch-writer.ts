import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { Notifier } from './signals';

export interface BatchLimits {
  /** Events per spool write (and per batch on the stream). */
  maxBatch: number;
  /** Events held in memory; record() waits while the queue is this full. */
  maxQueue: number;
  /** The longest an event waits for its batch to fill. */
  flushIntervalMs: number;
}

interface Ticket {
  remaining: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Entry {
  seq: number;
  at: number;
  draft: UsageEventDraft;
  ticket: Ticket;
}

/**
 * The bounded in-memory queue in front of the spool. Events leave it in
 * batches: when a batch is full, when its oldest event has waited
 * flushIntervalMs, or on flush(). Each add() resolves once all its events
 * are written (durable), so a caller acknowledges its source only then; and
 * it waits while the queue is full, which is the SDK's back pressure.
 */
export class BatchWriter {
  private queue: Entry[] = [];
  private lastSeq = 0;
  private settledSeq = 0;
  private flushUpTo = 0;
  private pumping = false;
  private closed = false;
  private timer?: NodeJS.Timeout;
  private readonly space = new Notifier();
  private readonly settled = new Notifier();

  constructor(
    private readonly write: (drafts: UsageEventDraft[]) => Promise<void>,
    private readonly limits: BatchLimits,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  async add(drafts: readonly UsageEventDraft[]): Promise<void> {
    if (this.closed) throw new Error('the usage client is closed');
    if (drafts.length === 0) return;
    let ticket!: Ticket;
    const done = new Promise<void>((resolve, reject) => {
      ticket = { remaining: drafts.length, resolve, reject };
    });
    for (let next = 0; next < drafts.length;) {
      while (this.queue.length >= this.limits.maxQueue) await this.space.wait();
      const room = this.limits.maxQueue - this.queue.length;
      for (const draft of drafts.slice(next, next + room)) {
        this.queue.push({ seq: ++this.lastSeq, at: Date.now(), draft, ticket });
      }
      next += room;
      this.kick();
    }
    return done;
  }

  /** Writes everything queued before the call; resolves when it is durable (or failed). */
  async flush(): Promise<void> {
    const target = this.lastSeq;
    this.flushUpTo = Math.max(this.flushUpTo, target);
    this.kick();
    while (this.settledSeq < target) await this.settled.wait();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.timer);
  }

  private kick(): void {
    if (this.pumping) return;
    if (this.isDue()) {
      this.pumping = true;
      void this.pump().finally(() => {
        this.pumping = false;
        this.kick();
      });
      return;
    }
    const oldest = this.queue[0];
    if (oldest && !this.timer) {
      const wait = Math.max(0, oldest.at + this.limits.flushIntervalMs - Date.now());
      this.timer = setTimeout(() => {
        this.timer = undefined;
        // Marks the oldest event due by sequence, not by re-reading the clock.
        this.flushUpTo = Math.max(this.flushUpTo, oldest.seq);
        this.kick();
      }, wait);
    }
  }

  private isDue(): boolean {
    const oldest = this.queue[0];
    return (
      oldest !== undefined &&
      (this.queue.length >= this.limits.maxBatch || oldest.seq <= this.flushUpTo)
    );
  }

  private async pump(): Promise<void> {
    while (this.isDue()) {
      const batch = this.queue.splice(0, this.limits.maxBatch);
      this.space.notify();
      try {
        await this.write(batch.map((e) => e.draft));
        for (const { ticket } of batch) if (--ticket.remaining === 0) ticket.resolve();
      } catch (error) {
        // The caller learns its events are not durable and keeps its source unacknowledged.
        for (const { ticket } of batch) ticket.reject(error);
      }
      this.settledSeq = batch[batch.length - 1]?.seq ?? this.settledSeq;
      this.settled.notify();
    }
    // Nothing left to wait for: a stale timer would only keep the process alive.
    if (this.queue.length === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
