import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { draftRange, recordingLogger, silentLogger } from '../testing/drafts';
import { listSegments, segmentPath } from './segment-files';
import { SegmentSpool, SpoolPosition } from './segment-spool';

let dir: string;
const opened: SegmentSpool[] = [];
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-spool-'))));
afterEach(async () => {
  // Only releases file descriptors; the tests' "crashes" never call close() before reopening.
  await Promise.all(opened.splice(0).map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openSpool(options: Parameters<typeof SegmentSpool.open>[1]) {
  const spool = await SegmentSpool.open(dir, options);
  opened.push(spool);
  return spool;
}

/** Reads everything from the head in batches of `max`, acknowledging as a drainer does. */
async function drainAll(spool: SegmentSpool, max = 7): Promise<string[]> {
  const ids: string[] = [];
  let at: SpoolPosition = spool.head();
  for (;;) {
    const { events, next } = await spool.read(at, max);
    at = next;
    await spool.acknowledge(at);
    if (events.length === 0) return ids;
    ids.push(...events.map((e) => e.id));
  }
}

describe('segment spool', () => {
  it('reads back every append in order across rotated segments, then deletes them', async () => {
    const spool = await openSpool({ segmentBytes: 1_000, logger: silentLogger });
    for (let batch = 0; batch < 6; batch++) await spool.append(draftRange(batch * 5, 5));
    expect((await listSegments(dir)).length).toBeGreaterThan(2);
    const ids = await drainAll(spool);
    expect(ids).toEqual(draftRange(0, 30).map((e) => e.id));
    expect(await listSegments(dir)).toEqual([]);
    expect(spool.segmentCount()).toBe(0);
  });

  it('survives a crash: a dropped spool reopened drains everything, in order', async () => {
    const first = await openSpool({ segmentBytes: 2_000, logger: silentLogger });
    await first.append(draftRange(0, 10));
    await first.append(draftRange(10, 10));
    // Half of it was sent and acknowledged before the "crash".
    const { next } = await first.read(first.head(), 10);
    await first.acknowledge(next);
    // Crash: the object is dropped without close(); only the files remain.

    const reopened = await openSpool({ logger: silentLogger });
    await reopened.append(draftRange(20, 5));
    // The acknowledgement landed mid-segment, so a restart may resend a few
    // (metering dedupes them); nothing is lost and order holds.
    const ids = await drainAll(reopened);
    const expected = draftRange(0, 25).map((e) => e.id);
    const resent = 10 - (expected.length - ids.length);
    expect(ids).toEqual(expected.slice(10 - resent));
    expect(resent).toBeGreaterThanOrEqual(0);
    expect(await listSegments(dir)).toEqual([]);
  });

  it('skips a torn tail left by a crash mid-write and keeps the whole lines', async () => {
    const first = await openSpool({ logger: silentLogger });
    await first.append(draftRange(0, 3));
    const [segment] = await listSegments(dir);
    fs.appendFileSync(segmentPath(dir, segment ?? 0), '{"id":"evt-torn","meterCo');

    const logger = recordingLogger();
    const reopened = await openSpool({ logger });
    await reopened.append(draftRange(3, 2));
    expect(await drainAll(reopened)).toEqual(draftRange(0, 5).map((e) => e.id));
    expect(logger.lines.join('\n')).toMatch(/torn tail of 25 bytes/);
  });

  it('never appends to a segment found on disk', async () => {
    const first = await openSpool({ logger: silentLogger });
    await first.append(draftRange(0, 1));
    const reopened = await openSpool({ logger: silentLogger });
    await reopened.append(draftRange(1, 1));
    expect(await listSegments(dir)).toEqual([1, 2]);
  });

  it('keeps an unreadable whole line aside instead of dropping it silently', async () => {
    const first = await openSpool({ logger: silentLogger });
    await first.append(draftRange(0, 1));
    const [segment] = await listSegments(dir);
    fs.appendFileSync(segmentPath(dir, segment ?? 0), 'not json\n');
    const logger = recordingLogger();
    const reopened = await openSpool({ logger });
    expect(await drainAll(reopened)).toEqual(['evt-000000']);
    expect(fs.readFileSync(path.join(dir, 'corrupt.log'), 'utf8')).toBe('1\tnot json\n');
    expect(logger.lines.join('\n')).toMatch(/unreadable line/);
  });
});
