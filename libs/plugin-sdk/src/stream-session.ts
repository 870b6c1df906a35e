import { Code, ConnectError } from '@connectrpc/connect';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { SendOutcome } from './batch-outcome';
import { Notifier } from './signals';
import type { SegmentSpool, SpoolPosition } from './spool/segment-spool';
import type { OpenStream, UsageStream } from './usage-stream';

export interface SessionParts {
  spool: SegmentSpool;
  open: OpenStream;
  maxBatch: number;
  /** Batches written to the stream and not yet acknowledged, at most. */
  maxInFlight: number;
  /** How long the oldest unacknowledged batch may wait for its acknowledgement. */
  ackTimeoutMs: number;
  /** Handles a batch's outcome (counts, parks refusals); the spool forgets the batch after. */
  settle: (batch: readonly UsageEventDraft[], outcome: SendOutcome) => Promise<void>;
  /** Everything appended before `appends` has been settled. */
  caughtUp: (appends: number) => void;
}

/** A batch on the stream: its events and where the spool continues after it. */
export interface InFlight {
  events: readonly UsageEventDraft[];
  next: SpoolPosition;
}

export interface SessionEnd {
  /** Just after the last settled batch: where the next stream starts. */
  resumeAt: SpoolPosition;
  /** Batches settled on this stream. */
  settled: number;
  /** Why the stream broke with batches unacknowledged, and the oldest of them. */
  broke?: { error: unknown; oldest: InFlight };
}

/**
 * One stream's worth of draining: spool batches are written to one
 * StreamUsage call (opened when there is something to send) while earlier
 * ones wait for their acknowledgements, at most `maxInFlight` at a time.
 * Acknowledgements come in order; each settles the oldest batch, and only
 * then does the spool forget it. When the stream breaks, run() resolves with
 * the position after the last settled batch: everything from there is sent
 * again on the next stream, and what metering had stored comes back as
 * duplicates. A local failure (spool, parking lot) rejects run().
 */
export class StreamSession {
  private readonly window: InFlight[] = [];
  /** Notified on every acknowledgement: wakes a writer waiting for room in the window. */
  private readonly progress = new Notifier();
  private readonly control = new AbortController();
  private stream?: UsageStream;
  private reading: Promise<void> = Promise.resolve();
  private deadline?: ReturnType<typeof setTimeout>;
  private failure?: { error: unknown; local: boolean };
  private settled = 0;

  constructor(
    private readonly parts: SessionParts,
    private resumeAt: SpoolPosition,
  ) {}

  async run(stop: AbortSignal): Promise<SessionEnd> {
    const onStop = () => this.control.abort();
    stop.addEventListener('abort', onStop, { once: true });
    if (stop.aborted) onStop();
    try {
      await this.write();
    } catch (error) {
      this.fail(error, true);
    } finally {
      stop.removeEventListener('abort', onStop);
      this.control.abort();
      await this.reading;
      clearTimeout(this.deadline);
    }
    if (this.failure?.local) throw this.failure.error;
    const oldest = this.window[0];
    const broke =
      this.failure && oldest && !stop.aborted ? { error: this.failure.error, oldest } : undefined;
    return { resumeAt: this.resumeAt, settled: this.settled, broke };
  }

  private async write(): Promise<void> {
    const { spool, maxBatch, maxInFlight } = this.parts;
    const signal = this.control.signal;
    let position = this.resumeAt;
    while (!signal.aborted) {
      if (this.window.length >= maxInFlight) {
        await this.progress.wait(signal);
        continue;
      }
      // Taken before reading, so an append during the read is never missed.
      const appendsBefore = spool.appends;
      const { events, next } = await spool.read(position, maxBatch);
      position = next;
      if (events.length === 0) {
        if (this.window.length === 0) {
          await spool.acknowledge(next);
          this.resumeAt = next;
          this.parts.caughtUp(appendsBefore);
        }
        // Checked and registered in one tick: no append can slip in between.
        if (spool.appends === appendsBefore)
          await Promise.race([spool.appended.wait(signal), this.progress.wait(signal)]);
        continue;
      }
      const stream = this.stream ?? this.openStream();
      this.window.push({ events, next });
      if (this.window.length === 1) this.armDeadline();
      stream.send(events);
    }
  }

  private openStream(): UsageStream {
    const stream = this.parts.open(this.control.signal);
    this.stream = stream;
    this.reading = this.read(stream);
    return stream;
  }

  /** Settles the oldest batch with each acknowledgement; ends the session when the stream ends. */
  private async read(stream: UsageStream): Promise<void> {
    try {
      for await (const outcome of stream.outcomes) {
        // Left in the window until settled: the writer must not think itself caught up before.
        const batch = this.window[0];
        if (!batch) throw new ConnectError('an acknowledgement of no batch', Code.Internal);
        try {
          await this.parts.settle(batch.events, outcome);
          await this.parts.spool.acknowledge(batch.next);
        } catch (error) {
          this.fail(error, true);
          return;
        }
        this.window.shift();
        this.resumeAt = batch.next;
        this.settled += 1;
        this.armDeadline();
        this.progress.notify();
      }
      const unacknowledged = this.window.length;
      this.fail(
        new ConnectError(
          `the stream ended with ${unacknowledged} batch(es) unacknowledged`,
          Code.Unavailable,
        ),
        false,
      );
    } catch (error) {
      this.fail(error, false);
    }
  }

  /** Times the oldest unacknowledged batch; a silent metering breaks the stream like a dead one. */
  private armDeadline(): void {
    clearTimeout(this.deadline);
    if (this.window.length === 0 || this.control.signal.aborted) return;
    const ms = this.parts.ackTimeoutMs;
    this.deadline = setTimeout(
      () =>
        this.fail(
          new ConnectError(`no acknowledgement within ${ms} ms`, Code.DeadlineExceeded),
          false,
        ),
      ms,
    );
  }

  /** The first failure ends the session; later ones (the abort it causes) are its echo. */
  private fail(error: unknown, local: boolean): void {
    this.failure ??= { error, local };
    this.control.abort();
  }
}
