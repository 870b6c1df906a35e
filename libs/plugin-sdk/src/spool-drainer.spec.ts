import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Code, ConnectError } from '@connectrpc/connect';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { SendOutcome } from './batch-outcome';
import { ParkingLot } from './parking-lot';
import { Notifier } from './signals';
import { SpoolDrainer } from './spool-drainer';
import { SegmentSpool } from './spool/segment-spool';
import { emptyStats } from './stats';
import { draftRange, recordingLogger } from './testing/drafts';
import { waitFor } from './testing/wait-for';
import type { OpenStream } from './usage-stream';

let dir: string;
const opened: SegmentSpool[] = [];
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-drainer-'))));
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * What the fake metering answers to a batch on stream number `stream`: an
 * outcome, an error that breaks the stream, 'hold' (acknowledged when the
 * test calls release(), or the stream broken by breakHeld()), or 'end' (the
 * stream ends normally, unanswered).
 */
type Answer = SendOutcome | ConnectError | 'hold' | 'end';

/** A StreamUsage stand-in: answers in order, like metering, and records what was sent on which stream. */
function fakeMetering(answer: (batch: readonly UsageEventDraft[], stream: number) => Answer) {
  const sent: { stream: number; ids: string[] }[] = [];
  const released = new Notifier();
  let releases = 0;
  let breakHeldWith: ConnectError | undefined;
  let streams = 0;
  const open: OpenStream = (signal) => {
    const stream = ++streams;
    const answers: { answer: Answer; batch: readonly UsageEventDraft[] }[] = [];
    const arrived = new Notifier();
    return {
      send(batch) {
        sent.push({ stream, ids: batch.map((e) => e.id) });
        answers.push({ answer: answer(batch, stream), batch });
        arrived.notify();
      },
      outcomes: (async function* () {
        for (;;) {
          const next = answers[0];
          if (signal.aborted) throw new ConnectError('the operation was aborted', Code.Canceled);
          if (!next) {
            await arrived.wait(signal);
            continue;
          }
          if (next.answer === 'hold') {
            if (breakHeldWith) throw breakHeldWith;
            if (releases === 0) {
              await released.wait(signal);
              continue;
            }
            releases -= 1;
            next.answer = accepted(next.batch);
          }
          if (next.answer === 'end') return;
          if (next.answer instanceof ConnectError) throw next.answer;
          answers.shift();
          yield next.answer;
        }
      })(),
    };
  };
  const release = () => {
    releases += 1;
    released.notify();
  };
  const breakHeld = (error: ConnectError) => {
    breakHeldWith = error;
    released.notify();
  };
  return { open, sent, release, breakHeld };
}

async function drainerWith(
  open: OpenStream,
  { parkingLot, maxInFlight = 2, ackTimeoutMs = 5_000 } = {} as {
    parkingLot?: ParkingLot;
    maxInFlight?: number;
    ackTimeoutMs?: number;
  },
) {
  const logger = recordingLogger();
  const spool = await SegmentSpool.open(path.join(dir, 'segments'), { logger });
  opened.push(spool);
  const parking = parkingLot ?? (await ParkingLot.open(path.join(dir, 'parked')));
  const stats = emptyStats();
  const drainer = new SpoolDrainer({
    spool,
    parking,
    open,
    maxBatch: 4,
    maxInFlight,
    ackTimeoutMs,
    backoff: { initialMs: 1, maxMs: 4, multiplier: 2 },
    stats,
    logger,
  });
  drainer.start();
  const idle = async () => {
    while (!drainer.isCaughtUp()) await drainer.idle.wait();
  };
  return { spool, parking, stats, drainer, logger, idle };
}

const accepted = (batch: readonly UsageEventDraft[]): SendOutcome => ({
  accepted: batch.length,
  duplicates: 0,
  conflicts: [],
  refused: [],
});

const ids = (from: number, count: number) => draftRange(from, count).map((e) => e.id);
const settleTicks = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('spool drainer', () => {
  it('streams every batch in order on one stream, at most maxInFlight unacknowledged', async () => {
    const metering = fakeMetering(() => 'hold');
    const { spool, stats, drainer, idle } = await drainerWith(metering.open, { maxInFlight: 2 });
    await spool.append(draftRange(0, 11));
    await waitFor('two batches on the stream', () => metering.sent.length === 2);
    await settleTicks();
    // The third waits for room in the window: that is the back pressure.
    expect(metering.sent).toHaveLength(2);
    metering.release();
    await waitFor(
      'the third batch once the first is acknowledged',
      () => metering.sent.length === 3,
    );
    metering.release();
    metering.release();
    await idle();
    expect(metering.sent.flatMap((s) => s.ids)).toEqual(ids(0, 11));
    expect(metering.sent.map((s) => s.stream)).toEqual([1, 1, 1]);
    expect(stats).toMatchObject({ streams: 1, batchesSent: 3, accepted: 11, largestBatch: 4 });
    expect(spool.segmentCount()).toBe(0);
    await drainer.stop();
  });

  it('settles conflicting duplicates once: counted and logged, never parked nor sent again', async () => {
    const metering = fakeMetering((batch) => ({
      accepted: batch.length - 1,
      duplicates: 0,
      conflicts: [
        {
          event: batch[0],
          reason: `id: "${batch[0].id}" was recorded before with a different quantity`,
        },
      ],
      refused: [],
    }));
    const { spool, stats, drainer, idle, logger } = await drainerWith(metering.open);
    await spool.append(draftRange(0, 4));
    await idle();
    expect(metering.sent).toEqual([{ stream: 1, ids: ids(0, 4) }]);
    expect(stats).toMatchObject({ batchesSent: 1, accepted: 3, conflicts: 1, parked: 0 });
    expect(logger.lines.join('\n')).toMatch(
      /1 event\(s\) reuse an id metering recorded with another payload; the first stays counted, these are settled, not retried: id: ".+" was recorded before with a different quantity/,
    );
    expect(spool.segmentCount()).toBe(0);
    await drainer.stop();
  });

  it('a stream broken by UNAVAILABLE: the unacknowledged batches go again on a new stream', async () => {
    const metering = fakeMetering((batch, stream) => (stream === 1 ? 'hold' : accepted(batch)));
    const { spool, stats, drainer, idle, logger } = await drainerWith(metering.open, {
      maxInFlight: 3,
    });
    await spool.append(draftRange(0, 12));
    await waitFor('three batches on the stream', () => metering.sent.length === 3);
    metering.release();
    await waitFor('the first acknowledged', () => stats.batchesSent === 1);
    metering.breakHeld(new ConnectError('metering is down', Code.Unavailable));
    await idle();
    expect(metering.sent).toEqual([
      { stream: 1, ids: ids(0, 4) },
      { stream: 1, ids: ids(4, 4) },
      { stream: 1, ids: ids(8, 4) },
      { stream: 2, ids: ids(4, 4) },
      { stream: 2, ids: ids(8, 4) },
    ]);
    expect(stats).toMatchObject({ streams: 2, retries: 1, batchesSent: 3, accepted: 12 });
    expect(logger.lines.join('\n')).toMatch(
      /metering unavailable \(attempt 1, retrying in \d+ ms\): \[unavailable\] metering is down/,
    );
    expect(spool.segmentCount()).toBe(0);
    await drainer.stop();
  });

  it('a metering that never acknowledges is a broken stream too (the ack deadline)', async () => {
    const metering = fakeMetering((batch, stream) => (stream === 1 ? 'hold' : accepted(batch)));
    const { spool, stats, drainer, idle, logger } = await drainerWith(metering.open, {
      ackTimeoutMs: 30,
    });
    await spool.append(draftRange(0, 3));
    await idle();
    expect(metering.sent).toEqual([
      { stream: 1, ids: ids(0, 3) },
      { stream: 2, ids: ids(0, 3) },
    ]);
    expect(stats).toMatchObject({ streams: 2, retries: 1, accepted: 3 });
    expect(logger.lines.join('\n')).toMatch(
      /\[deadline_exceeded\] no acknowledgement within 30 ms/,
    );
    await drainer.stop();
  });

  it('a stream that ends with batches unanswered is retried; one that ends idle is not', async () => {
    const metering = fakeMetering((batch, stream) => (stream === 1 ? 'end' : accepted(batch)));
    const { spool, stats, drainer, idle, logger } = await drainerWith(metering.open);
    await spool.append(draftRange(0, 2));
    await idle();
    expect(logger.lines.join('\n')).toMatch(/the stream ended with 1 batch\(es\) unacknowledged/);
    expect(stats).toMatchObject({ streams: 2, retries: 1, accepted: 2 });
    await drainer.stop();
  });

  it('never retries INVALID_ARGUMENT: the oldest unacknowledged batch is parked, the rest go on', async () => {
    const metering = fakeMetering((batch, stream) =>
      stream === 1
        ? new ConnectError('events: at most 10000 events per request', Code.InvalidArgument)
        : accepted(batch),
    );
    const { spool, parking, stats, drainer, idle, logger } = await drainerWith(metering.open);
    await spool.append(draftRange(0, 7));
    await idle();
    expect(stats).toMatchObject({ streams: 2, retries: 0, parked: 4, accepted: 3 });
    const parked = await parking.list();
    expect(parked.map((p) => p.event.id)).toEqual(ids(0, 4));
    expect(parked[0]?.reason).toBe(
      'request: [invalid_argument] events: at most 10000 events per request',
    );
    expect(logger.lines.join('\n')).toMatch(/parked 4 event\(s\), never dropped/);
    await drainer.stop();
  });

  it('stop() interrupts a backoff and leaves the batch in the spool for next time', async () => {
    const metering = fakeMetering(() => new ConnectError('down', Code.Unavailable));
    const { spool, stats, drainer } = await drainerWith(metering.open);
    await spool.append(draftRange(0, 2));
    await waitFor('two retries', () => stats.retries >= 2);
    await drainer.stop();
    expect(stats.accepted).toBe(0);
    expect(spool.segmentCount()).toBe(1);
  });

  it('survives a local failure (the parking lot) by restarting from the spool', async () => {
    const parked: string[] = [];
    let failures = 1;
    const flaky = {
      park: async (refused: readonly { event: UsageEventDraft }[]) => {
        if (failures-- > 0) throw new Error('EIO: parking disk');
        parked.push(...refused.map((r) => r.event.id));
      },
    } as unknown as ParkingLot;
    const metering = fakeMetering((batch) => ({
      accepted: 0,
      duplicates: 0,
      conflicts: [],
      refused: batch.map((event) => ({ event, reason: 'tenant: unknown tenant "p"' })),
    }));
    const { spool, drainer, idle, logger } = await drainerWith(metering.open, {
      parkingLot: flaky,
    });
    await spool.append(draftRange(0, 3));
    await idle();
    expect(parked).toEqual(ids(0, 3));
    expect(logger.lines.join('\n')).toMatch(/drainer failed, restarting: Error: EIO/);
    await drainer.stop();
  });
});
