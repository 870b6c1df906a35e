import { createReadStream } from 'node:fs';
import { MessageInitShape } from '@bufbuild/protobuf';
import { RecordUsageRequestSchema, RecordUsageResponse } from '@cascade/contracts';
import { Clients } from '../../../core/clients';
import { readRecords } from '../../../core/records';
import { ImportState, saveState } from './checkpoint';
import { RejectedRow, RejectsFile } from './rejects-file';
import { rowToEvent, UsageEventInit } from './row-event';

type Request = MessageInitShape<typeof RecordUsageRequestSchema>;

/** One request on the stream and the rows it stands for. */
interface Batch {
  id: string;
  lastRow: number;
  sent: { row: number; eventId: string; raw: string }[];
  /** Rows the CLI could not turn into events, rejected when the batch is acknowledged. */
  local: RejectedRow[];
}

export interface ImportRun {
  clients: Clients;
  file: string;
  checkpoint: string;
  rejects: RejectsFile;
  state: ImportState;
  batchSize: number;
  /** Batches sent and not yet acknowledged. */
  window: number;
  /** True once the import should stop sending (Ctrl-C). */
  stopping: () => boolean;
  progress: (state: ImportState) => void;
}

/**
 * Streams the rows after the checkpoint over StreamUsage. The checkpoint moves only
 * when the service acknowledges a batch, so a row is resent after a crash only if
 * its ack was lost, and then it is a duplicate (same event id), counted once.
 */
export async function streamImport(run: ImportRun): Promise<void> {
  const { state } = run;
  const pending: Batch[] = [];
  let wake: (() => void) | undefined;
  const roomInWindow = () =>
    new Promise<void>((resolve) => {
      if (pending.length < run.window) resolve();
      else wake = resolve;
    });

  async function* requests(): AsyncGenerator<Request> {
    let batch: Batch | undefined;
    let events: UsageEventInit[] = [];
    const send = async (): Promise<Request> => {
      await roomInWindow();
      pending.push(batch!);
      const request = { batchId: batch!.id, events };
      batch = undefined;
      events = [];
      return request;
    };
    for await (const record of readRecords(run.file)) {
      if (record.row <= state.ackedRows) continue;
      if (run.stopping()) break;
      batch ??= { id: `rows-${record.row}`, lastRow: 0, sent: [], local: [] };
      batch.lastRow = record.row;
      const event = rowToEvent(record);
      if ('reason' in event) {
        batch.local.push({ row: record.row, eventId: '', reason: event.reason, raw: record.raw });
      } else {
        events.push(event);
        batch.sent.push({ row: record.row, eventId: event.id as string, raw: record.raw });
      }
      if (batch.sent.length + batch.local.length >= run.batchSize) yield await send();
    }
    if (batch) yield await send();
  }

  for await (const response of run.clients.usage.streamUsage(requests())) {
    const batch = pending.shift();
    if (!batch || batch.id !== response.batchId)
      throw new Error(
        `StreamUsage acknowledged batch ${JSON.stringify(response.batchId)}, expected ${batch?.id}`,
      );
    acknowledge(run, batch, response);
    wake?.();
    wake = undefined;
  }
}

function acknowledge(run: ImportRun, batch: Batch, response: RecordUsageResponse): void {
  const { state } = run;
  const rejected: RejectedRow[] = [...batch.local];
  for (const r of response.rejected) rejected.push({ ...batch.sent[r.index], reason: r.reason });
  for (const r of response.conflicting)
    rejected.push({ ...batch.sent[r.index], reason: `conflict: ${r.reason}` });
  rejected.sort((a, b) => a.row - b.row);
  run.rejects.append(rejected);
  state.accepted += response.accepted;
  state.duplicates += response.duplicates;
  state.conflicts += response.conflicts;
  state.rejected += batch.local.length + response.rejected.length;
  state.ackedRows = batch.lastRow;
  saveState(run.checkpoint, state);
  run.progress(state);
}

/** Data rows in a file (lines less the CSV header), for the progress bar's total. */
export async function countRows(file: string, jsonLines: boolean): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (last !== 10) lines += 1;
  return jsonLines ? lines : Math.max(0, lines - 1);
}
