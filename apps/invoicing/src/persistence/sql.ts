import { EntityManager } from '@mikro-orm/core';

export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform().constructor.name.startsWith('PostgreSql');
}

/** Raw SQL inside the caller's transaction (outside it on SQLite's one connection, it would wait forever). */
export function run<T = unknown>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  return em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T>;
}
