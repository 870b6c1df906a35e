import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../../core/exit-codes';

/** What an import has had acknowledged so far: every row up to ackedRows is stored or rejected. */
export interface ImportState {
  file: string;
  size: number;
  ackedRows: number;
  accepted: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  complete: boolean;
}

export function freshState(file: string): ImportState {
  return {
    file: path.resolve(file),
    size: statSync(file).size,
    ackedRows: 0,
    accepted: 0,
    duplicates: 0,
    conflicts: 0,
    rejected: 0,
    complete: false,
  };
}

/** The checkpoint of an earlier run of the same file, or a fresh start. */
export function loadState(file: string, checkpoint: string, restart: boolean): ImportState {
  if (restart || !existsSync(checkpoint)) return freshState(file);
  const state = JSON.parse(readFileSync(checkpoint, 'utf8')) as ImportState;
  const size = statSync(file).size;
  if (state.size !== size)
    throw new CliError(
      `${checkpoint} belongs to a file of ${state.size} bytes, ${file} has ${size}: pass --restart to import it from the start (rows already stored count as duplicates)`,
    );
  return state;
}

/** Written to a temporary file and renamed, so a crash leaves the old checkpoint or the new one. */
export function saveState(checkpoint: string, state: ImportState): void {
  const temporary = `${checkpoint}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, checkpoint);
}
