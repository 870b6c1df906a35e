import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { action, Ctx } from '../../core/context';
import { CliError, EXIT } from '../../core/exit-codes';
import { printRecord } from '../../core/output';
import { ImportState, loadState, saveState } from './import/checkpoint';
import { RejectsFile } from './import/rejects-file';
import { countRows, streamImport } from './import/stream-import';

interface Options {
  checkpoint?: string;
  rejects?: string;
  batchSize: string;
  restart?: boolean;
}

export function usageImport(group: Command): void {
  group
    .command('import')
    .description('stream usage events from a CSV or JSONL file; resumable, never counted twice')
    .argument('<file>', 'CSV with a header row, or JSONL (.jsonl/.ndjson)')
    .option(
      '--checkpoint <file>',
      'where acknowledged rows are recorded (default: FILE.checkpoint)',
    )
    .option(
      '--rejects <file>',
      'where rejected rows go with their reasons (default: FILE.rejected.csv)',
    )
    .option('--batch-size <n>', 'events per StreamUsage request', '1000')
    .option('--restart', 'ignore the checkpoint and start from the first row')
    .addHelpText(
      'after',
      `
Columns: id (optional), tenant_external_ref or tenant_id, meter_code, quantity (decimal string),
timestamp (ISO 8601), resource_id, properties (JSON object), source.
Rows without an id get one derived from the row, so a resumed or repeated import is counted once.
Ctrl-C stops after the batches in flight; run the same command again to resume.
Example:
  cascade usage import october.csv`,
    )
    .action(action(async (ctx, file: string, opts: Options) => runImport(ctx, file, opts)));
}

async function runImport(ctx: Ctx, file: string, opts: Options): Promise<void> {
  const batchSize = Number.parseInt(opts.batchSize, 10);
  if (!/^\d+$/.test(opts.batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new CliError(`--batch-size: expected 1 to 10000, got ${JSON.stringify(opts.batchSize)}`);
  const checkpoint = opts.checkpoint ?? `${file}.checkpoint`;
  const state = loadState(file, checkpoint, Boolean(opts.restart));
  if (state.complete) {
    ctx.note(`${file} was imported completely before (${checkpoint}); --restart imports it again`);
    return summary(ctx, state);
  }
  const resumed = state.ackedRows > 0;
  if (resumed) ctx.note(`resuming after row ${state.ackedRows} (${checkpoint})`);
  const rejects = new RejectsFile(opts.rejects ?? `${file}.rejected.csv`, !resumed);
  const total = await countRows(file, /\.(jsonl|ndjson)$/i.test(file));

  let stopping = false;
  const interrupt = () => {
    if (stopping) process.exit(EXIT.INTERRUPTED);
    stopping = true;
    ctx.note('interrupted: waiting for the batches in flight (Ctrl-C again to quit now)');
  };
  process.on('SIGINT', interrupt);
  const started = Date.now();
  const startRow = state.ackedRows;
  const bar = new SingleBar({
    format:
      'usage [{bar}] {value}/{total} rows | {rate} events/s | accepted {accepted} duplicates {duplicates} rejected {rejected}',
    stream: process.stderr,
  });
  const payload = (s: ImportState) => ({
    rate: Math.round(((s.ackedRows - startRow) * 1000) / Math.max(1, Date.now() - started)),
    accepted: s.accepted,
    duplicates: s.duplicates,
    rejected: s.rejected,
  });
  bar.start(total, state.ackedRows, payload(state));
  try {
    await streamImport({
      clients: ctx.clients(),
      file,
      checkpoint,
      rejects,
      state,
      batchSize,
      window: 4,
      stopping: () => stopping,
      progress: (s) => bar.update(s.ackedRows, payload(s)),
    });
  } finally {
    bar.stop();
    process.off('SIGINT', interrupt);
  }
  if (stopping) {
    ctx.note(`stopped after row ${state.ackedRows} of ${total}: run the same command to resume`);
    summary(ctx, state);
    process.exitCode = EXIT.INTERRUPTED;
    return;
  }
  state.complete = true;
  saveState(checkpoint, state);
  if (state.rejected > 0) ctx.note(`${state.rejected} rows rejected: see ${rejects.path}`);
  summary(ctx, state);
}

function summary(ctx: Ctx, state: ImportState): void {
  const fields: [string, string][] = [
    ['rows', String(state.ackedRows)],
    ['accepted', String(state.accepted)],
    ['duplicates', String(state.duplicates)],
    ['conflicts', String(state.conflicts)],
    ['rejected', String(state.rejected)],
    ['complete', String(state.complete)],
  ];
  printRecord(
    ctx.out,
    ctx.format,
    fields,
    Object.fromEntries(
      fields.map(([k]) => [k, state[k === 'rows' ? 'ackedRows' : (k as keyof ImportState)]]),
    ),
  );
}
