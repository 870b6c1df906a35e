/** Counters a host can export as metrics; tests read them to see batching and retries. */
export interface ClientStats {
  /** Events waiting in memory for the next spool write. */
  queued: number;
  /** Spool writes (each one fdatasync). */
  spoolWrites: number;
  /** StreamUsage calls opened: one carries every batch until it breaks. */
  streams: number;
  /** Batches metering acknowledged. */
  batchesSent: number;
  accepted: number;
  duplicates: number;
  /** Ids metering had recorded with another payload: settled, not retried (see SendOutcome). */
  conflicts: number;
  parked: number;
  /** Broken streams whose unacknowledged batches were sent again on a new one. */
  retries: number;
  /** The largest batch sent, to check the size limit holds. */
  largestBatch: number;
}

export function emptyStats(): ClientStats {
  return {
    queued: 0,
    spoolWrites: 0,
    streams: 0,
    batchesSent: 0,
    accepted: 0,
    duplicates: 0,
    conflicts: 0,
    parked: 0,
    retries: 0,
    largestBatch: 0,
  };
}
