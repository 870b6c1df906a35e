/** SQLSTATEs of a schema or relation that vanished between being listed and being looked up. */
const VANISHED = new Set(['3F000', '42P01']);
const ATTEMPTS = 5;

function vanished(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && VANISHED.has(code);
}

/**
 * Applies the migrations, again when another client dropped a schema or table
 * of the same database meanwhile: MikroORM lists every table of the database
 * and looks each one up by name, so a concurrent DROP elsewhere fails that
 * read-only listing. The migrations run in one transaction, so a failed
 * attempt leaves nothing behind.
 */
export async function migrate(up: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await up();
      return;
    } catch (error) {
      if (attempt === ATTEMPTS || !vanished(error)) throw error;
    }
  }
}
