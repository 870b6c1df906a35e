/** One transaction's place in a `CommitOrder`. */
export interface CommitTurn {
  /** Resolves once the transaction before this one has written (or ended). */
  mayWrite(): Promise<void>;
  /**
   * Says this one has written; resolves true once the one before it has
   * committed, false when one before it failed (this one must roll back).
   */
  mayCommit(): Promise<boolean>;
  /** How this one ended; call it exactly once, whatever happened. */
  ended(committed: boolean): void;
}

/**
 * The order of a stream's transactions when more than one is in flight: each
 * writes only after the one before it has written and commits only after the
 * one before it has committed, so a batch's writes overlap the previous
 * batch's commit and commits land in the stream's order (its audit rows are
 * numbered in that order). After a failure nothing later commits. A later
 * transaction may wait on an earlier one's new keys, never the reverse (the
 * earlier one wrote first), so two turns cannot deadlock.
 */
export class CommitOrder {
  private written: Promise<void> = Promise.resolve();
  private committed: Promise<boolean> = Promise.resolve(true);

  next(): CommitTurn {
    const before = { written: this.written, committed: this.committed };
    let wrote!: () => void;
    let end!: (committed: boolean) => void;
    this.written = new Promise<void>((resolve) => (wrote = resolve));
    const own = new Promise<boolean>((resolve) => (end = resolve));
    this.committed = Promise.all([before.committed, own]).then(
      ([earlier, mine]) => earlier && mine,
    );
    return {
      mayWrite: () => before.written,
      mayCommit: () => {
        wrote();
        return before.committed;
      },
      ended: (committed) => {
        wrote();
        end(committed);
      },
    };
  }
}
