import { Dec } from '@cascade/money';

/** The slice of better-sqlite3's function registration used here (the package ships no types). */
interface FunctionHost {
  function(
    name: string,
    options: { deterministic: boolean },
    fn: (...args: never[]) => unknown,
  ): void;
  aggregate(
    name: string,
    options: {
      start: () => Dec | null;
      step: (acc: Dec | null, value: string | number | null) => Dec | null;
      result: (acc: Dec | null) => string | null;
    },
  ): void;
}

type Operand = string | number | null;
const dec = (v: string | number) => new Dec(typeof v === 'number' ? String(v) : v);

/**
 * SQLite has no exact decimal type: its sum() and arithmetic on text are
 * floating point, and max() on text compares letters. Quantities are stored
 * as text and these functions, registered on every connection, add and
 * compare them with decimal.js, so the rollups are summed in SQL and exact:
 * `dec_add`, `dec_sub`, `dec_greatest` (scalars) and `dec_sum`, `dec_max`
 * (aggregates). PostgreSQL uses its own numeric arithmetic instead.
 */
export function registerSqliteDecimals(connection: unknown): void {
  const db = connection as FunctionHost;
  const binary = (op: (a: Dec, b: Dec) => Dec) => (a: Operand, b: Operand) =>
    a === null
      ? b === null
        ? null
        : dec(b).toFixed()
      : b === null
        ? dec(a).toFixed()
        : op(dec(a), dec(b)).toFixed();
  db.function(
    'dec_add',
    { deterministic: true },
    binary((a, b) => a.plus(b)),
  );
  db.function(
    'dec_sub',
    { deterministic: true },
    binary((a, b) => a.minus(b)),
  );
  db.function(
    'dec_greatest',
    { deterministic: true },
    binary((a, b) => Dec.max(a, b)),
  );
  const fold = (op: (a: Dec, b: Dec) => Dec) => ({
    start: () => null,
    step: (acc: Dec | null, value: Operand) =>
      value === null ? acc : acc === null ? dec(value) : op(acc, dec(value)),
    result: (acc: Dec | null) => (acc === null ? null : acc.toFixed()),
  });
  db.aggregate(
    'dec_sum',
    fold((a, b) => a.plus(b)),
  );
  db.aggregate(
    'dec_max',
    fold((a, b) => Dec.max(a, b)),
  );
}
