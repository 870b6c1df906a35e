import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';

export const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Numbers read best right-aligned. */
  right?: boolean;
}

type Write = (text: string) => void;

/** A rule under the header only, not between rows. */
const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/**
 * A listing on stdout: a table for people, or JSON (one array), NDJSON (one object a
 * line) or CSV (a header row, decimal strings) for programs. JSON rows are the
 * contract's JSON, the same a Connect client reads.
 */
export function printList<T>(
  write: Write,
  format: Format,
  rows: readonly T[],
  columns: Column<T>[],
  json: (row: T) => unknown,
): void {
  switch (format) {
    case 'json':
      write(`${JSON.stringify(rows.map(json), null, 2)}\n`);
      return;
    case 'ndjson':
      for (const row of rows) write(`${JSON.stringify(json(row))}\n`);
      return;
    case 'csv':
      write(
        stringify([
          columns.map((c) => c.header),
          ...rows.map((r) => columns.map((c) => c.value(r))),
        ]),
      );
      return;
    case 'table': {
      const table = new Table({
        head: columns.map((c) => c.header),
        chars: NO_ROW_RULES,
        colAligns: columns.map((c) => (c.right ? 'right' : 'left')),
        style: { head: [], border: [] },
      });
      for (const row of rows) table.push(columns.map((c) => c.value(row)));
      write(`${table.toString()}\n`);
      return;
    }
  }
}

/** One object: field/value pairs in a table, or its JSON. */
export function printRecord(
  write: Write,
  format: Format,
  fields: [string, string][],
  json: unknown,
): void {
  if (format === 'table') {
    const table = new Table({ chars: NO_ROW_RULES, style: { head: [], border: [] } });
    for (const [name, value] of fields) table.push({ [name]: value });
    write(`${table.toString()}\n`);
    return;
  }
  if (format === 'csv') {
    write(stringify([fields.map(([name]) => name), fields.map(([, value]) => value)]));
    return;
  }
  write(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${JSON.stringify(json)}\n`);
}
