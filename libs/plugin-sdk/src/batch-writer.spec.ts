import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { BatchWriter } from './batch-writer';
import { draftRange } from './testing/drafts';

/** A spool stand-in whose writes complete only when the test says so. */
function gatedSink() {
  const writes: UsageEventDraft[][] = [];
  let open = true;
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  return {
    writes,
    close() {
      open = false;
      gate = new Promise((resolve) => (release = resolve));
    },
    open() {
      open = true;
      release();
    },
    write: async (drafts: UsageEventDraft[]) => {
      writes.push(drafts);
      if (!open) await gate;
    },
  };
}

const settledState = async (promise: Promise<unknown>) => {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('batch writer: batching by size and time, back pressure', () => {
  it('writes a full batch at once and the rest when the interval passes', async () => {
    const sink = gatedSink();
    const writer = new BatchWriter(sink.write, {
      maxBatch: 10,
      maxQueue: 100,
      flushIntervalMs: 40,
    });
    const started = Date.now();
    await writer.add(draftRange(0, 25));
    expect(sink.writes.map((w) => w.length)).toEqual([10, 10, 5]);
    // The 5 left over waited for the interval, not for a full batch.
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('resolves add() only once its events are written', async () => {
    const sink = gatedSink();
    sink.close();
    const writer = new BatchWriter(sink.write, { maxBatch: 2, maxQueue: 10, flushIntervalMs: 5 });
    const added = writer.add(draftRange(0, 2));
    expect(await settledState(added)).toBe('pending');
    sink.open();
    await added;
  });

  it('makes add() wait while the queue is full and never holds more than maxQueue', async () => {
    const sink = gatedSink();
    sink.close();
    const writer = new BatchWriter(sink.write, { maxBatch: 5, maxQueue: 10, flushIntervalMs: 5 });
    const adds = [writer.add(draftRange(0, 10)), writer.add(draftRange(10, 10))];
    adds.push(writer.add(draftRange(20, 10)));
    await new Promise((resolve) => setImmediate(resolve));
    // One batch of 5 is being written; the queue is full; the third add waits to enqueue.
    expect(writer.size).toBe(10);
    expect(await settledState(adds[2] as Promise<void>)).toBe('pending');
    sink.open();
    await Promise.all(adds);
    expect(sink.writes.flat().map((d) => d.id)).toEqual(draftRange(0, 30).map((d) => d.id));
    expect(Math.max(...sink.writes.map((w) => w.length))).toBe(5);
  });

  it('flush() writes a partial batch now; a failed write rejects its callers', async () => {
    let fail = false;
    const written: string[] = [];
    const writer = new BatchWriter(
      async (drafts) => {
        if (fail) throw new Error('disk full');
        written.push(...drafts.map((d) => d.id));
      },
      { maxBatch: 100, maxQueue: 100, flushIntervalMs: 60_000 },
    );
    const added = writer.add(draftRange(0, 3));
    await writer.flush();
    await added;
    expect(written).toHaveLength(3);
    fail = true;
    const failing = writer.add(draftRange(3, 1));
    await writer.flush();
    await expect(failing).rejects.toThrow('disk full');
  });

  it('refuses events after close()', async () => {
    const writer = new BatchWriter(async () => undefined, {
      maxBatch: 1,
      maxQueue: 1,
      flushIntervalMs: 1,
    });
    await writer.close();
    await expect(writer.add(draftRange(0, 1))).rejects.toThrow('closed');
  });
});
