import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import Database from 'better-sqlite3';
import { adoptSqliteErrors, sqliteAddon } from './sqlite-error-realm';

/** What an earlier test file of the same jest worker leaves: its SqliteError, registered. */
function registerSqliteErrorOfAnotherRealm(): void {
  const source = readFileSync(require.resolve('better-sqlite3/lib/sqlite-error.js'), 'utf8');
  const sandbox = { module: { exports: undefined as unknown } };
  vm.runInNewContext(source, sandbox);
  const addon = sqliteAddon();
  addon.setErrorConstructor(sandbox.module.exports);
  addon.isInitialized = true;
}

const failedQuery = (): unknown => {
  const db = new Database(':memory:');
  try {
    db.exec('select * from nowhere');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
};

describe("SQLite errors in a jest worker's later test files", () => {
  afterEach(() => adoptSqliteErrors());

  it("are no Errors of the file when an earlier file's realm registered its class", () => {
    registerSqliteErrorOfAnotherRealm();
    const error = failedQuery();
    expect(error).toMatchObject({ message: 'no such table: nowhere', code: 'SQLITE_ERROR' });
    expect(error instanceof Error).toBe(false);
  });

  it('are Errors of the file again once it adopts them, as jest setupFiles does', () => {
    registerSqliteErrorOfAnotherRealm();
    adoptSqliteErrors();
    const error = failedQuery();
    expect(error).toBeInstanceOf(Error);
    expect(() => {
      throw error;
    }).toThrow('no such table: nowhere');
  });
});
