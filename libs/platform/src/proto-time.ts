import { Timestamp, timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FieldProblems, invalidArgument } from './errors';

/** google.protobuf.Timestamp's own range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;

function inRange(value: Timestamp): boolean {
  return (
    value.seconds >= MIN_SECONDS &&
    value.seconds <= MAX_SECONDS &&
    value.nanos >= 0 &&
    value.nanos <= 999_999_999
  );
}

/** A required Timestamp field as a Date, or INVALID_ARGUMENT naming the field. */
export function requiredInstant(value: Timestamp | undefined, field: string): Date {
  if (!value) throw invalidArgument(field, 'is required');
  return optionalInstant(value, field) as Date;
}

/** An optional Timestamp field as a Date; outside the Timestamp range, INVALID_ARGUMENT naming the field. */
export function optionalInstant(
  value: Timestamp | undefined,
  field = 'timestamp',
): Date | undefined {
  if (!value) return undefined;
  if (!inRange(value))
    throw invalidArgument(
      field,
      'is not a valid timestamp (years 0001 to 9999, nanos 0 to 999999999)',
    );
  return timestampDate(value);
}

/**
 * A range's end after its start, once both are known: `period_end: must be after
 * period_start`. Either missing is its own field's problem, not this one.
 */
export function requireAfter(
  start: Date | undefined,
  end: Date | undefined,
  [startField, endField]: readonly [string, string],
): void {
  if (start && end && start.getTime() >= end.getTime())
    throw invalidArgument(endField, `must be after ${startField}`);
}

/**
 * A request's required period_start and period_end, the end after the start; each
 * problem goes to `problems`, whose throwIfAny the caller runs before using the dates.
 */
export function requiredPeriod(
  req: { periodStart?: Timestamp; periodEnd?: Timestamp },
  problems: FieldProblems,
): { start: Date; end: Date } {
  const start = problems.check(() => requiredInstant(req.periodStart, 'period_start'));
  const end = problems.check(() => requiredInstant(req.periodEnd, 'period_end'));
  problems.check(() => requireAfter(start, end, ['period_start', 'period_end']));
  return { start: start as Date, end: end as Date };
}

/**
 * For items judged one by one (a batch's events): the Date, or an invalid Date
 * (NaN) when the Timestamp is outside its range, for the item's own check to refuse.
 */
export function instantOrInvalid(value: Timestamp): Date {
  return inRange(value) ? timestampDate(value) : new Date(Number.NaN);
}

export function toTimestamp(date: Date): Timestamp {
  return timestampFromDate(date);
}
