import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { CliError } from './exit-codes';

export interface FileRecord {
  /** 1 for the first data row (after a CSV's header). */
  row: number;
  record: Record<string, string>;
  /** The row's text as it was in the file (for the rejected-rows file). */
  raw: string;
  /** JSONL fields that were JSON numbers, not strings: inexact for quantities. */
  numbers?: Set<string>;
}

const isJsonLines = (file: string) => /\.(jsonl|ndjson)$/i.test(file);

/** Streams the rows of a CSV (header row) or JSONL file, never holding the whole file. */
export async function* readRecords(file: string): AsyncGenerator<FileRecord> {
  if (!existsSync(file)) throw new CliError(`${file}: no such file`);
  if (isJsonLines(file)) {
    let row = 0;
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      row += 1;
      yield { row, raw: line, ...jsonRecord(line, row, file) };
    }
    return;
  }
  const parser = createReadStream(file).pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true, info: true, raw: true }),
  );
  let row = 0;
  for await (const item of parser as AsyncIterable<{
    record: Record<string, string>;
    raw: string;
  }>) {
    row += 1;
    yield { row, record: item.record, raw: item.raw.replace(/\r?\n$/, '') };
  }
}

function jsonRecord(
  line: string,
  row: number,
  file: string,
): { record: Record<string, string>; numbers: Set<string> } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliError(`${file}: row ${row} is not JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new CliError(`${file}: row ${row} is not a JSON object`);
  const entries = Object.entries(value as Record<string, unknown>);
  const numbers = new Set(entries.filter(([, v]) => typeof v === 'number').map(([k]) => k));
  const record = Object.fromEntries(
    entries.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  return { record, numbers };
}
