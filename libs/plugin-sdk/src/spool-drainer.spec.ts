import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Code, ConnectError } from '@connectrpc/connect';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { SendOutcome } from './metering-sender';
import { ParkingLot } from './parking-lot';
import { SpoolDrainer } from './spool-drainer';
import { SegmentSpool } from './spool/segment-spool';
import { emptyStats } from './stats';
import { draftRange, recordingLogger } from './testing/drafts';

let dir: string;
const opened: SegmentSpool[] = [];
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-drainer-'))));
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

type Send = (batch: readonly UsageEventDraft[]) => Promise<SendOutcome>;

async function drainerWith(send: Send, parkingLot?: ParkingLot) {
  const logger = recordingLogger();
  const spool = await SegmentSpool.open(path.join(dir, 'segments'), { logger });
  opened.push(spool);
  const parking = parkingLot ?? (await ParkingLot.open(path.join(dir, 'parked')));
  const stats = emptyStats();
  const drainer = new SpoolDrainer({
    spool,
    parking,
    send,
    maxBatch: 4,
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
  refused: [],
});

describe('spool drainer', () => {
  it('retries UNAVAILABLE and DEADLINE_EXCEEDED with backoff and delivers in order', async () => {
    const delivered: string[] = [];
    const failures = [Code.Unavailable, Code.DeadlineExceeded, Code.Unavailable];
    const { spool, stats, drainer, idle } = await drainerWith(async (batch) => {
      const code = failures.shift();
      if (code !== undefined) throw new ConnectError('metering is down', code);
      delivered.push(...batch.map((e) => e.id));
      return accepted(batch);
    });
    await spool.append(draftRange(0, 6));
    await spool.append(draftRange(6, 5));
    await idle();
    expect(delivered).toEqual(draftRange(0, 11).map((e) => e.id));
    expect(stats.retries).toBe(3);
    expect(stats.largestBatch).toBe(4);
    expect(spool.segmentCount()).toBe(0);
    await drainer.stop();
  });

  it('never retries INVALID_ARGUMENT: the batch is parked with the reason', async () => {
    let calls = 0;
    const { spool, parking, stats, drainer, idle, logger } = await drainerWith(async () => {
      calls += 1;
      throw new ConnectError('events: at most 10000 events per request', Code.InvalidArgument);
    });
    await spool.append(draftRange(0, 3));
    await idle();
    expect(calls).toBe(1);
    expect(stats.retries).toBe(0);
    const parked = await parking.list();
    expect(parked.map((p) => p.event.id)).toEqual(draftRange(0, 3).map((e) => e.id));
    expect(parked[0]?.reason).toMatch(/^request: .*at most 10000 events/);
    expect(logger.lines.join('\n')).toMatch(/parked 3 event\(s\), never dropped/);
    await drainer.stop();
  });

  it('stop() interrupts a backoff and leaves the batch in the spool for next time', async () => {
    const { spool, stats, drainer } = await drainerWith(async () => {
      throw new ConnectError('down', Code.Unavailable);
    });
    await spool.append(draftRange(0, 2));
    while (stats.retries < 2) await new Promise((resolve) => setImmediate(resolve));
    await drainer.stop();
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
    const { spool, drainer, idle, logger } = await drainerWith(
      async (batch) => ({
        accepted: 0,
        duplicates: 0,
        refused: batch.map((event) => ({ event, reason: 'tenant: unknown tenant "p"' })),
      }),
      flaky,
    );
    await spool.append(draftRange(0, 3));
    await idle();
    expect(parked).toEqual(draftRange(0, 3).map((e) => e.id));
    expect(logger.lines.join('\n')).toMatch(/drainer failed, restarting: Error: EIO/);
    await drainer.stop();
  });
});
