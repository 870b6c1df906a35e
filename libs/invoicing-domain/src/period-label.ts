import { Dec, formatDecimal } from '@cascade/money';
import { durationMs, TimeRange } from './time-range';

const MS_PER_DAY = 86_400_000;

/** "2026-08-10" at midnight UTC, the full ISO instant otherwise (anniversaries keep a time). */
export function formatInstant(instant: Date): string {
  const iso = instant.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace('.000Z', 'Z');
}

/** "2026-08-10 – 2026-09-01": the end is exclusive, as everywhere in Cascade. */
export function formatRange(range: TimeRange): string {
  return `${formatInstant(range.start)} – ${formatInstant(range.end)}`;
}

/** "22/31 days": what part of the period a prorated line covers, for people checking it. */
export function formatDayFraction(part: TimeRange, full: TimeRange): string {
  return `${days(part)}/${days(full)} days`;
}

function days(range: TimeRange): string {
  return formatDecimal(new Dec(durationMs(range)).div(MS_PER_DAY).toDecimalPlaces(2));
}
