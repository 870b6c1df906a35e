import { Timestamp, timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { invalidArgument } from './errors';

/** A required Timestamp field as a Date, or INVALID_ARGUMENT naming the field. */
export function requiredInstant(value: Timestamp | undefined, field: string): Date {
  if (!value) throw invalidArgument(field, 'is required');
  const date = timestampDate(value);
  if (Number.isNaN(date.getTime())) throw invalidArgument(field, 'is not a valid timestamp');
  return date;
}

export function optionalInstant(value: Timestamp | undefined): Date | undefined {
  return value ? timestampDate(value) : undefined;
}

export function toTimestamp(date: Date): Timestamp {
  return timestampFromDate(date);
}
