import { overlappedBatches } from './overlapped-batches';

/** A commit the test ends by hand, so it can look at what ran meanwhile. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function* listed<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('overlappedBatches', () => {
  it('prepares the next batch while one commits, and at depth 1 commits one at a time in order', async () => {
    const log: string[] = [];
    const gates = [gate(), gate(), gate()];
    const results = overlappedBatches(
      listed([0, 1, 2]),
      async (n) => {
        log.push(`prepare ${n}`);
        return n;
      },
      async (n) => {
        log.push(`commit ${n}`);
        await gates[n].opened;
        log.push(`committed ${n}`);
        return n * 10;
      },
      1,
    );
    const first = results.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['prepare 0', 'commit 0', 'prepare 1']);
    gates.forEach((g) => g.open());
    expect(await first).toEqual({ done: false, value: 0 });
    const rest: number[] = [];
    for await (const r of results) rest.push(r);
    expect(rest).toEqual([10, 20]);
    expect(log.filter((line) => line.startsWith('commit'))).toEqual([
      'commit 0',
      'committed 0',
      'commit 1',
      'committed 1',
      'commit 2',
      'committed 2',
    ]);
  });

  it('yields a result before the next batch arrives, for a client that waits for each ack', async () => {
    const acks: number[] = [];
    async function* waitingClient() {
      yield 1;
      while (acks.length === 0) await new Promise((resolve) => setImmediate(resolve));
      yield 2;
    }
    for await (const ack of overlappedBatches(
      waitingClient(),
      async (n) => n,
      async (n) => n,
      2,
    ))
      acks.push(ack);
    expect(acks).toEqual([1, 2]);
  });

  it('fails a batch it cannot prepare only after the result of the batch before it', async () => {
    const seen: number[] = [];
    const run = (async () => {
      for await (const r of overlappedBatches(
        listed([1, 2, 3]),
        async (n) => {
          if (n === 2) throw new Error('batch 2 is malformed');
          return n;
        },
        async (n) => n,
        2,
      ))
        seen.push(r);
    })();
    await expect(run).rejects.toThrow('batch 2 is malformed');
    expect(seen).toEqual([1]);
  });

  it('fails with a failed commit, and starts nothing after it at depth 1', async () => {
    const committed: number[] = [];
    const run = (async () => {
      for await (const r of overlappedBatches(
        listed([1, 2, 3]),
        async (n) => n,
        async (n) => {
          if (n === 2) throw new Error('commit 2 refused');
          committed.push(n);
          return n;
        },
        1,
      ))
        expect(r).toBe(1);
    })();
    await expect(run).rejects.toThrow('commit 2 refused');
    expect(committed).toEqual([1]);
  });

  it('runs up to `depth` commits at once and yields their results in order', async () => {
    const log: string[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const results = overlappedBatches(
      listed([0, 1, 2, 3]),
      async (n) => n,
      async (n) => {
        log.push(`commit ${n}`);
        await gates[n].opened;
        return n;
      },
      2,
    );
    const first = results.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['commit 0', 'commit 1']);
    gates[1].open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['commit 0', 'commit 1']);
    gates[0].open();
    expect(await first).toEqual({ done: false, value: 0 });
    gates[2].open();
    gates[3].open();
    const rest: number[] = [];
    for await (const r of results) rest.push(r);
    expect(rest).toEqual([1, 2, 3]);
    expect(log).toEqual(['commit 0', 'commit 1', 'commit 2', 'commit 3']);
  });

  it('ends with the first failed commit; a later one failing meanwhile is not left unhandled', async () => {
    const gates = [gate(), gate()];
    const seen: number[] = [];
    const run = (async () => {
      for await (const r of overlappedBatches(
        listed([0, 1, 2]),
        async (n) => n,
        async (n) => {
          if (n === 1) throw new Error('commit 1 refused');
          await gates[n === 0 ? 0 : 1].opened;
          if (n === 2) throw new Error('commit 2 rolled back');
          return n;
        },
        2,
      ))
        seen.push(r);
    })();
    gates[0].open();
    gates[1].open();
    await expect(run).rejects.toThrow('commit 1 refused');
    expect(seen).toEqual([0]);
  });
});
