/** Counters a host can export as metrics; tests read them to see batching and retries. */
export interface ClientStats {
  /** Events waiting in memory for the next spool write. */
  queued: number;
  /** Spool writes (each one fdatasync). */
  spoolWrites: number;
  /** RecordUsage calls that got an answer. */
  batchesSent: number;
  accepted: number;
  duplicates: number;
  parked: number;
  /** Failed RecordUsage attempts that were retried. */
  retries: number;
  /** The largest batch sent, to check the size limit holds. */
  largestBatch: number;
}

export function emptyStats(): ClientStats {
  return {
    queued: 0,
    spoolWrites: 0,
    batchesSent: 0,
    accepted: 0,
    duplicates: 0,
    parked: 0,
    retries: 0,
    largestBatch: 0,
  };
}
