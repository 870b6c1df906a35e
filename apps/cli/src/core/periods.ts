import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CliError } from './exit-codes';

export interface Period {
  start: Date;
  end: Date;
}

/** "2026-10": the calendar month, UTC, half-open. */
export function parsePeriod(text: string, flag = '--period'): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12)
    throw new CliError(`${flag}: expected a month such as 2026-10, got ${JSON.stringify(text)}`);
  const year = Number(match[1]);
  return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}

/** An ISO 8601 instant or date ("2026-10-15", "2026-10-15T12:00:00Z"), UTC. */
export function parseInstant(text: string, flag: string): Date {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime()))
    throw new CliError(
      `${flag}: expected a date such as 2026-10-15 or 2026-10-15T12:00:00Z, got ${JSON.stringify(text)}`,
    );
  return at;
}

export function periodTimestamps(period: Period) {
  return { periodStart: timestampFromDate(period.start), periodEnd: timestampFromDate(period.end) };
}

export function day(at: Date | undefined): string {
  return at ? at.toISOString().slice(0, 10) : '';
}
