import { Logger } from '@nestjs/common';
import { DatabaseEnvironment, schemaName, ServiceDatabase } from './database-config';
import { openDatabase } from './open-database';

export interface MigrationReport {
  /** The PostgreSQL schema, or the SQLite file, that was migrated. */
  target: string;
  /** Every migration the database has recorded, oldest first. */
  applied: string[];
}

/**
 * Brings the service's database to its current migrations and stops: what a
 * deployment runs once before a rollout (`migrate <service>` in the image, a
 * Kubernetes Job), so that no serving process changes the schema under its
 * older siblings. Services still migrate at start, which is then a no-op.
 */
export async function migrateDatabase(
  db: ServiceDatabase,
  env: DatabaseEnvironment,
): Promise<MigrationReport> {
  const orm = await openDatabase(db, env);
  try {
    const executed = await orm.getMigrator().getExecutedMigrations();
    const target = env.DATABASE_URL
      ? `schema ${schemaName(db, env)}`
      : `${env.CASCADE_DATA_DIR ?? './data'}/${db.service}.sqlite`;
    return { target, applied: executed.map((migration) => migration.name) };
  } finally {
    await orm.close();
  }
}

/** The `migrate <service>` command: exit 0 once the schema is current, 1 with the reason otherwise. */
export async function runMigrateCommand(db: ServiceDatabase): Promise<void> {
  const logger = new Logger(`${db.service} migrate`);
  try {
    const report = await migrateDatabase(db, process.env);
    const last = report.applied[report.applied.length - 1] ?? 'none';
    logger.log(
      `${report.target} is current: ${report.applied.length} migrations applied, last ${last}`,
    );
  } catch (error) {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}
