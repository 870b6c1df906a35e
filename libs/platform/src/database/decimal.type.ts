import { Platform, Type } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { isPostgres } from './dialect';

/**
 * Exact decimals at rest: `numeric` in PostgreSQL, text in SQLite (whose
 * decimal columns are REAL and would lose precision). Compared as strings,
 * never as floats.
 */
export class DecimalType extends Type<Dec | null, string | null> {
  override convertToDatabaseValue(value: Dec | string | null): string | null {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : value.toFixed();
  }

  override convertToJSValue(value: string | null): Dec | null {
    if (value === null || value === undefined) return null;
    return new Dec(value);
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(_prop: unknown, platform: Platform): string {
    return isPostgres(platform) ? 'numeric' : 'text';
  }
}
