/**
 * Exact decimal arithmetic in SQL, by dialect: PostgreSQL's numeric operators,
 * or on SQLite the decimal.js functions of `registerSqliteDecimals`.
 */
export interface DecimalSql {
  sum(column: string): string;
  max(column: string): string;
  add(a: string, b: string): string;
  sub(a: string, b: string): string;
  greatest(a: string, b: string): string;
}

const POSTGRES: DecimalSql = {
  sum: (c) => `sum(${c})`,
  max: (c) => `max(${c})`,
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
};

const SQLITE: DecimalSql = {
  sum: (c) => `dec_sum(${c})`,
  max: (c) => `dec_max(${c})`,
  add: (a, b) => `dec_add(${a}, ${b})`,
  sub: (a, b) => `dec_sub(${a}, ${b})`,
  greatest: (a, b) => `dec_greatest(${a}, ${b})`,
};

export function decimalSql(postgres: boolean): DecimalSql {
  return postgres ? POSTGRES : SQLITE;
}
