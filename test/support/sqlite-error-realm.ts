import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The part of better-sqlite3's native addon that holds its error class. */
export interface SqliteAddon {
  setErrorConstructor(errorClass: unknown): void;
  /** Set once better-sqlite3 has registered its SqliteError with the addon. */
  isInitialized?: boolean;
}

/** better-sqlite3's native addon: one per process, whichever jest realm asks. */
export function sqliteAddon(): SqliteAddon {
  const packageRoot = path.dirname(require.resolve('better-sqlite3/package.json'));
  const bindings = createRequire(path.join(packageRoot, 'package.json'))('bindings');
  return bindings({ bindings: 'better_sqlite3.node', module_root: packageRoot });
}

/**
 * Makes the next SQLite database opened register this realm's SqliteError.
 *
 * The addon keeps the SqliteError class of the first database opened in the
 * process. Jest runs each test file of a worker in a realm of its own, so in a
 * later file that class is no Error there: `rejects.toThrow` then says a query
 * that failed "did not throw". Run before every test file (jest setupFiles).
 */
export function adoptSqliteErrors(): void {
  sqliteAddon().isInitialized = false;
}
