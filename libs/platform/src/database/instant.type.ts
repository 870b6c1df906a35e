import { Type } from '@mikro-orm/core';

/**
 * Instants at rest as epoch milliseconds (bigint) in both databases, so raw
 * range queries and partition bounds read the same on PostgreSQL and SQLite.
 */
export class InstantType extends Type<Date | null, string | number | null> {
  override convertToDatabaseValue(value: Date | number | null): number | null {
    if (value === null || value === undefined) return null;
    return value instanceof Date ? value.getTime() : value;
  }

  override convertToJSValue(value: string | number | null): Date | null {
    if (value === null || value === undefined) return null;
    return new Date(Number(value));
  }

  override compareAsType(): string {
    return 'number';
  }

  override getColumnType(): string {
    return 'bigint';
  }
}
