import { counter } from '@cascade/observability';

const folded = counter({
  name: 'cascade_rollup_folded_rows_total',
  help: 'Pending rollup rows (meter, path, hour) folded onto the edge rollups (PostgreSQL)',
});
folded.inc(0);

export function countFolded(rows: number): void {
  folded.inc(rows);
}
