import { Code, ConnectError } from '@connectrpc/connect';
import { BillingRun, BillingRunStatus } from '@cascade/contracts';
import { ids, month, ts } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

const MAR = month(2026, 3);
const MARCH = { periodStart: ts(MAR.start), periodEnd: ts(MAR.end) };
const FEB = month(2026, 2);
const FEBRUARY = { periodStart: ts(FEB.start), periodEnd: ts(FEB.end) };
const PAYG = {
  billingModel: 'PAYG' as const,
  usage: [{ meterCode: 'compute.vcpu', quantity: '1', amount: '1' }],
};

const state = (run: BillingRun) => [BillingRunStatus[run.status], run.invoicesBilled];

describeEachDatabase('RunBillingWithProgress, WatchBillingRun and WatchBillingRuns', (kind) => {
  const harness = useHarness(kind);
  beforeAll(() => {
    process.env.INVOICING_RUN_CHUNK = '1';
  });
  beforeEach(() => harness().peers.reset());

  it('streams the run chunk by chunk to both, the last message the finished run', async () => {
    const h = harness();
    const t = ids('p', 'a', 'b', 'c');
    for (const buyer of [t.a, t.b, t.c]) h.peers.edge(t.p, buyer, MAR.start, MAR.end, PAYG);
    // Rating holds the stream after two buyers: the first is billed, the run waits.
    let release: () => void = () => undefined;
    h.peers.holdTree = { after: 2, release: new Promise<void>((r) => (release = r)) };

    const streamed: BillingRun[] = [];
    const watched: BillingRun[] = [];
    let watching: Promise<void> | undefined;
    for await (const run of h.client.runBillingWithProgress(MARCH)) {
      streamed.push(run);
      if (!watching && run.invoicesBilled === 1) {
        watching = (async () => {
          for await (const seen of h.client.watchBillingRun({ id: run.id })) {
            watched.push(seen);
            if (watched.length === 1) release();
          }
        })();
      }
    }
    await watching;

    const finished = streamed.at(-1)!;
    expect(state(finished)).toEqual(['SUCCEEDED', 3]);
    expect(finished).toEqual(await h.client.getBillingRun({ id: finished.id }));
    // Before the end: RUNNING, counts only growing, and the held state seen by both.
    const before = streamed.slice(0, -1);
    expect(before.every((r) => r.status === BillingRunStatus.RUNNING)).toBe(true);
    expect(before.map((r) => r.invoicesBilled)).toEqual(
      [...before.map((r) => r.invoicesBilled)].sort((x, y) => x - y),
    );
    expect(before.some((r) => r.invoicesBilled === 1)).toBe(true);
    expect(state(watched[0])).toEqual(['RUNNING', 1]);
    expect(watched.at(-1)).toEqual(finished);
  });

  it('answers a finished run with itself, and a failed run with RunBilling’s error', async () => {
    const h = harness();
    const t = ids('p', 'a', 'b');
    for (const buyer of [t.a, t.b]) h.peers.edge(t.p, buyer, MAR.start, MAR.end, PAYG);
    h.peers.failTreeAfter = 1;
    const messages: BillingRun[] = [];
    let failure: ConnectError | undefined;
    try {
      for await (const run of h.client.runBillingWithProgress(MARCH)) messages.push(run);
    } catch (error) {
      failure = ConnectError.from(error);
    }
    expect([failure?.code, failure?.rawMessage]).toEqual([
      Code.Unavailable,
      'rating RateTree: rating went away',
    ]);
    const { runs } = await h.client.listBillingRuns(MARCH);
    const failed = runs.find((r) => r.status === BillingRunStatus.FAILED)!;
    const replay: BillingRun[] = [];
    for await (const run of h.client.watchBillingRun({ id: failed.id })) replay.push(run);
    expect(replay.map(state)).toEqual([['FAILED', 0]]);
    expect(messages.every((r) => r.status === BillingRunStatus.RUNNING)).toBe(true);
  });

  it('watches every run started elsewhere from when it opens, not the runs already ended', async () => {
    const h = harness();
    const t = ids('p', 'a', 'b', 'c');
    for (const buyer of [t.a, t.b, t.c]) h.peers.edge(t.p, buyer, MAR.start, MAR.end, PAYG);
    const ended = (await h.client.runBilling(FEBRUARY)).run!;
    let release: () => void = () => undefined;
    h.peers.holdTree = { after: 2, release: new Promise<void>((r) => (release = r)) };
    // Started elsewhere and held RUNNING until the watch has seen it.
    const running = h.client.runBilling(MARCH);

    const seen: BillingRun[] = [];
    // The watch never ends on its own: the client goes away once the run has ended.
    const watching = new AbortController();
    try {
      for await (const run of h.client.watchBillingRuns({}, { signal: watching.signal })) {
        seen.push(run);
        if (seen.length === 1) release();
        if (run.status !== BillingRunStatus.RUNNING) watching.abort();
      }
    } catch (error) {
      if (!watching.signal.aborted) throw error;
    }

    const finished = (await running).run!;
    expect(seen.every((r) => r.id === finished.id && r.id !== ended.id)).toBe(true);
    expect(BillingRunStatus[seen[0].status]).toBe('RUNNING');
    expect(seen.slice(0, -1).every((r) => r.status === BillingRunStatus.RUNNING)).toBe(true);
    expect(seen.at(-1)).toEqual(finished);
    expect(state(finished)).toEqual(['SUCCEEDED', 3]);
  });

  it('replays first the runs changed since `since`, so a client that listed them misses none', async () => {
    const h = harness();
    const t = ids('p', 'a');
    h.peers.edge(t.p, t.a, MAR.start, MAR.end, PAYG);
    const listed = (await h.client.runBilling(MARCH)).run!;
    const watching = new AbortController();
    let first: BillingRun | undefined;
    try {
      for await (const run of h.client.watchBillingRuns(
        { since: listed.startedAt },
        { signal: watching.signal },
      )) {
        first = run;
        watching.abort();
      }
    } catch (error) {
      if (!watching.signal.aborted) throw error;
    }
    // Finished before the watch opened: only `since` brings it.
    expect(first).toEqual(listed);
  });
});
