import { counter, gauge, histogram, secondsSince } from '@cascade/observability';
import { REJECTION_REASONS, rejectionReason } from './rejection-reason';

export type IngestRpc = 'RecordUsage' | 'StreamUsage';
/** `conflict`: an event id received before with different content. */
export type UsageOutcome = 'accepted' | 'duplicate' | 'conflict' | 'rejected';

const events = counter<'outcome'>({
  name: 'cascade_usage_events_total',
  help: 'Usage events received, by outcome: accepted, duplicate, conflict, rejected',
  labelNames: ['outcome'],
});

const rejected = counter<'reason'>({
  name: 'cascade_usage_rejected_total',
  help: 'Usage events rejected, by reason (a bounded slug)',
  labelNames: ['reason'],
});

const batchDuration = histogram<'rpc'>({
  name: 'cascade_ingest_batch_duration_seconds',
  help: 'Time to check and durably store one batch of usage events, by RPC',
  labelNames: ['rpc'],
});

/** The receipt times of the batches whose facts and rollups are not committed yet. */
const inFlight = new Set<{ start: number }>();

gauge({
  name: 'cascade_rollup_lag_seconds',
  help: 'How far the rollups are behind the events received: the age of the oldest batch not yet committed (0 when none is)',
  collect() {
    const oldest = Math.min(...[...inFlight].map((b) => b.start));
    this.set(inFlight.size === 0 ? 0 : (Date.now() - oldest) / 1000);
  },
});

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  rejected: readonly { reason: string }[];
  conflicts: readonly unknown[];
}

/** Every outcome and reason is exported from the start, at 0: alerts see a rate, not a gap. */
for (const outcome of ['accepted', 'duplicate', 'conflict', 'rejected'] as UsageOutcome[])
  events.inc({ outcome }, 0);
for (const reason of REJECTION_REASONS) rejected.inc({ reason }, 0);

/**
 * One batch from its receipt to its commit: timed, counted by outcome once
 * stored; a batch that fails counts nothing (its events were not answered).
 */
export class IngestBatch {
  private readonly start = process.hrtime.bigint();
  private readonly receivedAt = { start: Date.now() };

  constructor(private readonly rpc: IngestRpc) {
    inFlight.add(this.receivedAt);
  }

  /** Runs `work` as this batch: counted when it returns, forgotten when it throws. */
  async run<R extends BatchOutcome>(work: () => Promise<R>): Promise<R> {
    try {
      const result = await work();
      batchDuration.observe({ rpc: this.rpc }, secondsSince(this.start));
      events.inc({ outcome: 'accepted' }, result.accepted);
      events.inc({ outcome: 'duplicate' }, result.duplicates);
      events.inc({ outcome: 'rejected' }, result.rejected.length);
      events.inc({ outcome: 'conflict' }, result.conflicts.length);
      for (const r of result.rejected) rejected.inc({ reason: rejectionReason(r.reason) });
      return result;
    } finally {
      inFlight.delete(this.receivedAt);
    }
  }

  /** A batch that never reached its store (refused as a whole). */
  abandon(): void {
    inFlight.delete(this.receivedAt);
  }
}
