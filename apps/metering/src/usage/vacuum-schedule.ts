/** Folded rows after which the pending table is vacuumed (autovacuum wakes once a minute). */
export const VACUUM_AFTER = 10_000;

/**
 * When the folder vacuums the pending table: after every VACUUM_AFTER folded
 * rows, so dead rows do not pile up under reads that scan the table, and once
 * more at the first sweep with nothing to fold. While ingest appends, a vacuum
 * frees space but cannot truncate the table (that needs a moment with no
 * writer); without that last one, reads went on scanning the empty pages a
 * backlog left (49 MB after a million events, 2026-12-04).
 */
export class VacuumSchedule {
  private sinceVacuum = 0;
  private unsettled = false;

  /** Takes the rows a drain folded; true when the table should be vacuumed now. */
  afterDrain(folded: number): boolean {
    this.sinceVacuum += folded;
    if (folded > 0) this.unsettled = true;
    const quiet = folded === 0 && this.unsettled;
    if (this.sinceVacuum < VACUUM_AFTER && !quiet) return false;
    this.sinceVacuum = 0;
    if (quiet) this.unsettled = false;
    return true;
  }
}
