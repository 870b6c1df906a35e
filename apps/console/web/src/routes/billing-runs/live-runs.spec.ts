import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BillingRunSchema, BillingRunStatus } from '@cascade/contracts';
import { liveRuns, newestChange, withRun } from './live-runs';

const run = (id: string, startedAt: string, status: BillingRunStatus, edgesSeen = 0) =>
  create(BillingRunSchema, {
    id,
    startedAt: timestampFromDate(new Date(startedAt)),
    status,
    edgesSeen,
  });
const shown = (runs: ReturnType<typeof run>[]) =>
  runs.map((r) => [r.id, BillingRunStatus[r.status], r.edgesSeen]);

describe('the live list of billing runs', () => {
  const october = run('oct', '2026-11-01T00:05:00Z', BillingRunStatus.SUCCEEDED, 7);
  const november = run('nov', '2026-12-01T00:05:00Z', BillingRunStatus.RUNNING, 2);

  it('keeps each watched run once, in its latest state', () => {
    const seen = [november, run('dec', '2026-12-03T08:00:00Z', BillingRunStatus.RUNNING)].reduce(
      withRun,
      [],
    );
    const later = withRun(seen, run('nov', '2026-12-01T00:05:00Z', BillingRunStatus.RUNNING, 5));
    expect(shown(later)).toEqual([
      ['dec', 'RUNNING', 0],
      ['nov', 'RUNNING', 5],
    ]);
  });

  it('puts watched runs in place of their listed rows and new ones first, newest first', () => {
    const finished = run('nov', '2026-12-01T00:05:00Z', BillingRunStatus.SUCCEEDED, 9);
    const started = run('dec', '2026-12-03T08:00:00Z', BillingRunStatus.RUNNING, 1);
    expect(shown(liveRuns([november, october], [started, finished]))).toEqual([
      ['dec', 'RUNNING', 1],
      ['nov', 'SUCCEEDED', 9],
      ['oct', 'SUCCEEDED', 7],
    ]);
  });

  it('orders runs started in the same instant by id, as the service does', () => {
    const a = run('a', '2026-12-03T08:00:00Z', BillingRunStatus.RUNNING);
    const b = run('b', '2026-12-03T08:00:00Z', BillingRunStatus.RUNNING);
    expect(liveRuns([b], [a]).map((r) => r.id)).toEqual(['a', 'b']);
    expect(liveRuns([], [])).toEqual([]);
  });

  it('watches from the latest instant a listed run was written at, or the epoch', () => {
    const running = create(BillingRunSchema, {
      id: 'dec',
      startedAt: timestampFromDate(new Date('2026-12-03T08:00:00Z')),
      progressAt: timestampFromDate(new Date('2026-12-03T08:00:07.250Z')),
    });
    expect(timestampDate(newestChange([october, running])).toISOString()).toBe(
      '2026-12-03T08:00:07.250Z',
    );
    expect(timestampDate(newestChange([])).toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });
});
