import { pgAvailable } from './postgres';
import { postgresTestDatabase, sqliteTestDatabase, TestDatabase } from './test-databases';

/**
 * Runs the same suite on SQLite and on PostgreSQL. An unreachable PostgreSQL
 * fails the suite (never a silent skip), so green always means both ran.
 */
export function describeEachDatabase(title: string, suite: (db: () => TestDatabase) => void): void {
  for (const make of [sqliteTestDatabase, postgresTestDatabase]) {
    const probe = make === sqliteTestDatabase ? 'sqlite' : 'postgres';
    describe(`${title} [${probe}]`, () => {
      let db: TestDatabase | undefined;
      beforeAll(async () => {
        if (probe === 'postgres' && !(await pgAvailable())) {
          const message =
            'PostgreSQL at 127.0.0.1:5432 is unreachable (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)';
          throw new Error(message);
        }
        db = make();
      });
      suite(() => {
        if (!db) throw new Error('test database not ready');
        return db;
      });
    });
  }
}
