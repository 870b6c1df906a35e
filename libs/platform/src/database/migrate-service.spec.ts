import { PLATFORM_MIGRATIONS } from '../audit/audit.migration';
import { describeEachDatabase } from '../testing';
import { ServiceDatabase } from './database-config';
import { migrateDatabase } from './migrate-service';
import { openDatabase } from './open-database';

/** A service with no tables of its own: what it migrates are the platform's (the audit log). */
const bare: ServiceDatabase = { service: 'migrate_spec', entities: [], migrations: [] };

describeEachDatabase('migrateDatabase', (db) => {
  afterAll(() => db().drop([bare.service]));

  test('applies the migrations, reports where and which, and is a no-op the second time', async () => {
    const env = db().env;
    const target =
      db().name === 'postgres'
        ? `schema ${env.CASCADE_DB_SCHEMA_PREFIX}migrate_spec`
        : `${env.CASCADE_DATA_DIR}/migrate_spec.sqlite`;
    const applied = PLATFORM_MIGRATIONS.map((migration) => migration.name);
    expect(applied[0]).toBe('PlatformAudit0001');
    expect(await migrateDatabase(bare, env)).toEqual({ target, applied });
    expect(await migrateDatabase(bare, env)).toEqual({ target, applied });
    // What a service then opens is current: no migration left pending.
    const orm = await openDatabase(bare, env);
    try {
      expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await orm.close();
    }
  });
});
