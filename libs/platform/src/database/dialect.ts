import type { Platform } from '@mikro-orm/core';

/** The few places that differ between the two databases ask this one question. */
export function isPostgres(platform: Platform): boolean {
  return platform.constructor.name.startsWith('PostgreSql');
}
