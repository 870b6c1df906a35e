import { Migration } from '@mikro-orm/migrations';
import { isPostgres } from './dialect';

/**
 * Migrations are written once for both databases; the few types that differ
 * are asked for by name.
 */
export abstract class PortableMigration extends Migration {
  protected get isPostgres(): boolean {
    return isPostgres(this.driver.getPlatform());
  }

  /** Exact decimal column: numeric in PostgreSQL, text in SQLite. */
  protected get decimal(): string {
    return this.isPostgres ? 'numeric' : 'text';
  }

  /** JSON document column. */
  protected get json(): string {
    return this.isPostgres ? 'jsonb' : 'text';
  }
}
