import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { SdkLogger } from '../logger';
import { Notifier, Serial } from '../signals';
import { readLines } from './read-lines';
import { listSegments, segmentPath, syncDirectory } from './segment-files';

/** A place in the spool: a segment and a byte offset inside it. */
export interface SpoolPosition {
  readonly segment: number;
  readonly offset: number;
}

export interface SpoolRead {
  events: UsageEventDraft[];
  /** Where the next read starts; acknowledging it deletes everything before. */
  next: SpoolPosition;
}

export interface SpoolOptions {
  /** A segment is sealed once it reaches this size; acknowledged segments are deleted. */
  segmentBytes?: number;
  logger: SdkLogger;
}

interface Segment {
  sequence: number;
  /** Bytes known durable: fsynced by this process, or found on disk at open. */
  size: number;
}

/**
 * Durable, ordered, append-only event log in numbered segment files, one
 * JSON event per line. `append` returns only after fdatasync, so a caller
 * may acknowledge its source as soon as it resolves. A process never
 * appends to a segment it found on disk (its tail may be torn); it starts a
 * new one, so recovery is "read every segment in order".
 */
export class SegmentSpool {
  /** Notified after every durable append: wakes an idle drainer. */
  readonly appended = new Notifier();
  private appendCount = 0;
  private readonly serial = new Serial();
  private active?: { segment: Segment; handle: FileHandle };
  private readonly segmentBytes: number;

  private constructor(
    private readonly dir: string,
    private readonly segments: Segment[],
    private nextSequence: number,
    private readonly logger: SdkLogger,
    options: SpoolOptions,
  ) {
    this.segmentBytes = options.segmentBytes ?? 8 * 1024 * 1024;
  }

  static async open(dir: string, options: SpoolOptions): Promise<SegmentSpool> {
    await fs.mkdir(dir, { recursive: true });
    const sequences = await listSegments(dir);
    const segments = await Promise.all(
      sequences.map(async (sequence) => ({
        sequence,
        size: (await fs.stat(segmentPath(dir, sequence))).size,
      })),
    );
    const next = (sequences.at(-1) ?? 0) + 1;
    return new SegmentSpool(dir, segments, next, options.logger, options);
  }

  /** Durable appends so far: lets a reader tell "caught up" from "not yet woken". */
  get appends(): number {
    return this.appendCount;
  }

  /** The oldest unacknowledged position. */
  head(): SpoolPosition {
    return { segment: this.segments[0]?.sequence ?? this.nextSequence, offset: 0 };
  }

  /** Number of segment files: 0 once everything appended was acknowledged. */
  segmentCount(): number {
    return this.segments.length;
  }

  append(events: readonly UsageEventDraft[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const bytes = Buffer.from(events.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
    return this.serial.run(async () => {
      const active = this.active ?? (await this.startSegment());
      try {
        for (let written = 0; written < bytes.length;) {
          written += (await active.handle.write(bytes, written)).bytesWritten;
        }
        await active.handle.datasync();
      } catch (error) {
        await this.abandonActive(active);
        throw error;
      }
      active.segment.size += bytes.length;
      if (active.segment.size >= this.segmentBytes) await this.sealActive();
      this.appendCount += 1;
      this.appended.notify();
    });
  }

  /** Up to `max` events from `from` on, across segments, in append order. */
  async read(from: SpoolPosition, max: number): Promise<SpoolRead> {
    const events: UsageEventDraft[] = [];
    let at = from;
    while (events.length < max) {
      const segment = this.segments.find((s) => s.sequence >= at.segment);
      if (!segment) break;
      if (segment.sequence > at.segment) at = { segment: segment.sequence, offset: 0 };
      if (at.offset >= segment.size) {
        if (this.active?.segment === segment) break;
        at = { segment: segment.sequence + 1, offset: 0 };
        continue;
      }
      const file = segmentPath(this.dir, segment.sequence);
      const got = await readLines(file, at.offset, segment.size, max - events.length);
      for (const line of got.lines) {
        const event = parseEvent(line);
        if (event) events.push(event);
        else await this.quarantine(segment.sequence, line);
      }
      at = { segment: segment.sequence, offset: got.next };
      if (got.tornBytes > 0) {
        this.logger.warn(
          `spool: skipping a torn tail of ${got.tornBytes} bytes in segment ${segment.sequence} (an append cut short by a crash; it was never reported durable)`,
        );
        at = { segment: segment.sequence, offset: segment.size };
      }
    }
    return { events, next: at };
  }

  /** Deletes every segment wholly before `upTo`: its events reached metering or the parking lot. */
  acknowledge(upTo: SpoolPosition): Promise<void> {
    return this.serial.run(async () => {
      const done = this.segments.filter(
        (s) => s.sequence < upTo.segment || (s.sequence === upTo.segment && upTo.offset >= s.size),
      );
      if (done.length === 0) return;
      for (const segment of done) {
        if (this.active?.segment === segment) await this.sealActive();
        await fs.rm(segmentPath(this.dir, segment.sequence), { force: true });
        this.segments.splice(this.segments.indexOf(segment), 1);
      }
      await syncDirectory(this.dir);
    });
  }

  close(): Promise<void> {
    return this.serial.run(() => this.sealActive());
  }

  private async startSegment(): Promise<{ segment: Segment; handle: FileHandle }> {
    const segment = { sequence: this.nextSequence++, size: 0 };
    const handle = await fs.open(segmentPath(this.dir, segment.sequence), 'a');
    await syncDirectory(this.dir);
    this.segments.push(segment);
    this.active = { segment, handle };
    return this.active;
  }

  private async sealActive(): Promise<void> {
    const active = this.active;
    this.active = undefined;
    await active?.handle.close();
  }

  /** After a failed write: cut the partial bytes off and seal, so later lines stay whole. */
  private async abandonActive(active: { segment: Segment; handle: FileHandle }): Promise<void> {
    this.active = undefined;
    await active.handle.truncate(active.segment.size).catch(() => undefined);
    await active.handle.close().catch(() => undefined);
  }

  /** A whole line that does not parse is disk damage: keep it aside, never silently drop it. */
  private async quarantine(sequence: number, line: string): Promise<void> {
    const file = path.join(this.dir, 'corrupt.log');
    await fs.appendFile(file, `${sequence}\t${line}\n`);
    this.logger.error(`spool: unreadable line in segment ${sequence} moved to ${file}`);
  }
}

function parseEvent(line: string): UsageEventDraft | undefined {
  try {
    const value = JSON.parse(line) as Partial<UsageEventDraft> | null;
    return value && typeof value.id === 'string' && typeof value.meterCode === 'string'
      ? (value as UsageEventDraft)
      : undefined;
  } catch {
    return undefined;
  }
}
