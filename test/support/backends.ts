import { DatabaseKind } from './cascade';
import { describeOnPostgres } from '@cascade/platform/testing';

type Describe = (name: string, fn: () => void) => void;

/** The two databases every end-to-end suite that says "both" runs on, with the describe that guards each. */
export const BACKENDS: readonly [label: string, database: DatabaseKind, describeOn: Describe][] = [
  ['SQLite', 'sqlite', describe],
  ['PostgreSQL', 'postgres', describeOnPostgres],
];
