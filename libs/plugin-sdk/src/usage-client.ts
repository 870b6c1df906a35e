import * as path from 'node:path';
import { ResourceChange, toGaugeEvents, UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { BatchWriter } from './batch-writer';
import { checkOptions, CLIENT_DEFAULTS, UsageClientOptions } from './client-options';
import { consoleLogger } from './logger';
import { MeteringConnection } from './metering-connection';
import { ParkedEvent, ParkingLot } from './parking-lot';
import { DEFAULT_BACKOFF } from './retry';
import { ensureGaugeMeters } from './ensure-meters';
import { SpoolDrainer } from './spool-drainer';
import { SegmentSpool } from './spool/segment-spool';
import { ClientStats, emptyStats } from './stats';
import { tenantMapping } from './tenant-mapping';
import { openUsageStream } from './usage-stream';

/**
 * What a platform embeds to meter usage. Events go memory → spool (fsync) →
 * metering, in order: record() resolves once they are on disk, so the
 * platform may acknowledge its own event then; a background drainer streams
 * the spool to metering (StreamUsage), retrying through outages, and parks
 * what metering refuses. After a crash, open() on the same spoolDir resumes the drain.
 */
export class UsageClient {
  private constructor(
    private readonly options: UsageClientOptions,
    private readonly connection: MeteringConnection,
    private readonly spool: SegmentSpool,
    private readonly parking: ParkingLot,
    private readonly writer: BatchWriter,
    private readonly drainer: SpoolDrainer,
    private readonly counters: ClientStats,
  ) {}

  static async open(options: UsageClientOptions): Promise<UsageClient> {
    checkOptions(options);
    const logger = options.logger ?? consoleLogger;
    const maxBatch = options.maxBatch ?? CLIENT_DEFAULTS.maxBatch;
    const tenants = options.tenants ?? tenantMapping();
    const callTimeoutMs = options.callTimeoutMs ?? CLIENT_DEFAULTS.callTimeoutMs;
    const connection = new MeteringConnection(
      options.meteringUrl,
      callTimeoutMs,
      options.token,
      options.tls,
    );
    const spool = await SegmentSpool.open(path.join(options.spoolDir, 'segments'), {
      segmentBytes: options.segmentBytes,
      logger,
    });
    const parking = await ParkingLot.open(path.join(options.spoolDir, 'parked'));
    const stats = emptyStats();
    const writer = new BatchWriter(
      async (drafts) => {
        await spool.append(drafts);
        stats.spoolWrites += 1;
      },
      {
        maxBatch,
        maxQueue: options.maxQueue ?? CLIENT_DEFAULTS.maxQueue,
        flushIntervalMs: options.flushIntervalMs ?? CLIENT_DEFAULTS.flushIntervalMs,
      },
    );
    const drainer = new SpoolDrainer({
      spool,
      parking,
      open: (signal) => openUsageStream(connection.usage, tenants, signal),
      maxBatch,
      maxInFlight: options.maxInFlight ?? CLIENT_DEFAULTS.maxInFlight,
      ackTimeoutMs: callTimeoutMs,
      backoff: {
        initialMs: options.backoff?.initialMs ?? DEFAULT_BACKOFF.initialMs,
        maxMs: options.backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs,
        multiplier: options.backoff?.multiplier ?? DEFAULT_BACKOFF.multiplier,
      },
      stats,
      logger,
    });
    drainer.start();
    return new UsageClient(options, connection, spool, parking, writer, drainer, stats);
  }

  get source(): string {
    return this.options.source;
  }

  /** Resolves once the events are durable in the spool; waits while the queue is full. */
  record(events: readonly UsageEventDraft[]): Promise<void> {
    return this.writer.add(events);
  }

  /** Lifecycle changes as TIME_WEIGHTED gauge events with deterministic ids. */
  recordChanges(changes: readonly ResourceChange[]): Promise<void> {
    return this.record(changes.flatMap((change) => toGaugeEvents(change, this.options.source)));
  }

  /** Writes the in-memory queue to the spool now. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Resolves when everything recorded so far reached metering or the parking lot. */
  async drained(): Promise<void> {
    await this.writer.flush();
    while (!this.drainer.isCaughtUp()) await this.drainer.idle.wait();
  }

  parked(): Promise<ParkedEvent[]> {
    return this.parking.list();
  }

  /**
   * Sends every parked event again, with the current tenant mapping. Events
   * metering still refuses are parked again. Returns how many were resent.
   */
  retryParked(): Promise<number> {
    return this.parking.takeAll((events) => this.spool.append(events));
  }

  /** Creates the TIME_WEIGHTED gauge meters metering lacks; returns the codes created. */
  ensureGaugeMeters(): Promise<string[]> {
    return ensureGaugeMeters(this.connection);
  }

  stats(): ClientStats {
    return { ...this.counters, queued: this.writer.size };
  }

  /** Flushes the queue and stops sending; what is not yet sent stays in the spool for next time. */
  async close(): Promise<void> {
    await this.writer.close();
    await this.drainer.stop();
    await this.spool.close();
    this.connection.close();
  }
}
