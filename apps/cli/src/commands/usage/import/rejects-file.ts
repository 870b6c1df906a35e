import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

export interface RejectedRow {
  row: number;
  eventId: string;
  reason: string;
  raw: string;
}

/** Rejected rows with their reasons, appended as they are acknowledged (a resumed run adds to it). */
export class RejectsFile {
  constructor(
    readonly path: string,
    fresh: boolean,
  ) {
    if (fresh || !existsSync(path))
      writeFileSync(path, stringify([['row', 'event_id', 'reason', 'raw']]));
  }

  append(rows: RejectedRow[]): void {
    if (rows.length === 0) return;
    appendFileSync(
      this.path,
      stringify(rows.map((r) => [String(r.row), r.eventId, r.reason, r.raw])),
    );
  }
}
