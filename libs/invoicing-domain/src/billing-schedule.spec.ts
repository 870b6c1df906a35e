import { ScheduledRunRecord, scheduleTick, ScheduleInput } from './billing-schedule';
import { formatRange } from './period-label';
import { range, utc } from './testing/fixtures';

const HOUR = 3_600_000;
const GRACE = 72 * HOUR;
const STALLED = 15 * 60_000;

function run(
  month: [string, string],
  status: ScheduledRunRecord['status'],
  startedAt: string,
  progressAt = startedAt,
): ScheduledRunRecord {
  return {
    window: range(...month),
    status,
    startedAt: utc(startedAt),
    progressAt: utc(progressAt),
  };
}

const DEC: [string, string] = ['2025-12-01', '2026-01-01'];
const JAN: [string, string] = ['2026-01-01', '2026-02-01'];
const FEB: [string, string] = ['2026-02-01', '2026-03-01'];
const MAR: [string, string] = ['2026-03-01', '2026-04-01'];

function tick(now: string, input: Partial<ScheduleInput> = {}) {
  const decision = scheduleTick({
    now: utc(now),
    runs: [],
    drafts: [],
    graceMs: GRACE,
    stalledAfterMs: STALLED,
    ...input,
  });
  return {
    runs: decision.runs.map(formatRange),
    finalize: decision.finalize,
    waiting: decision.waiting.map(formatRange),
  };
}

describe('scheduleTick', () => {
  it('with nothing billed yet, bills the last ended month only', () => {
    expect(tick('2026-02-01T00:05:00Z')).toEqual({
      runs: ['2026-01-01 – 2026-02-01'],
      finalize: [],
      waiting: [],
    });
  });

  it('at the very instant a month ends, that month is due', () => {
    expect(tick('2026-02-01T00:00:00Z').runs).toEqual(['2026-01-01 – 2026-02-01']);
    expect(tick('2026-01-31T23:59:59.999Z').runs).toEqual(['2025-12-01 – 2026-01-01']);
  });

  it('bills the new month after billing the previous one again, once', () => {
    const runs = [run(JAN, 'SUCCEEDED', '2026-02-01T00:05:00Z')];
    expect(tick('2026-03-01T00:05:00Z', { runs }).runs).toEqual([
      '2026-01-01 – 2026-02-01',
      '2026-02-01 – 2026-03-01',
    ]);
    const after = [
      ...runs,
      run(JAN, 'SUCCEEDED', '2026-03-01T00:05:00Z'),
      run(FEB, 'SUCCEEDED', '2026-03-01T00:06:00Z'),
    ];
    expect(tick('2026-03-01T00:10:00Z', { runs: after })).toEqual({
      runs: [],
      finalize: [],
      waiting: [],
    });
  });

  it('a re-run of the previous month that already happened is not repeated', () => {
    const runs = [
      run(JAN, 'SUCCEEDED', '2026-02-01T00:05:00Z'),
      run(JAN, 'SUCCEEDED', '2026-03-01T00:05:00Z'),
      run(FEB, 'FAILED', '2026-03-01T00:06:00Z'),
    ];
    expect(tick('2026-03-01T00:10:00Z', { runs }).runs).toEqual(['2026-02-01 – 2026-03-01']);
  });

  it('catches up every month missed, oldest first', () => {
    const runs = [run(DEC, 'SUCCEEDED', '2026-01-01T00:05:00Z')];
    expect(tick('2026-04-02T00:00:00Z', { runs }).runs).toEqual([
      '2025-12-01 – 2026-01-01',
      '2026-01-01 – 2026-02-01',
      '2026-02-01 – 2026-03-01',
      '2026-03-01 – 2026-04-01',
    ]);
  });

  it('retries a failed run at the next tick', () => {
    const runs = [run(JAN, 'FAILED', '2026-02-01T00:05:00Z')];
    expect(tick('2026-02-01T00:10:00Z', { runs }).runs).toEqual(['2026-01-01 – 2026-02-01']);
  });

  it('waits for a live run of a due month, and takes over a silent one', () => {
    const runs = [run(JAN, 'RUNNING', '2026-02-01T00:05:00Z', '2026-02-01T00:20:00Z')];
    expect(tick('2026-02-01T00:34:59.999Z', { runs })).toEqual({
      runs: [],
      finalize: [],
      waiting: ['2026-01-01 – 2026-02-01'],
    });
    expect(tick('2026-02-01T00:35:00Z', { runs }).runs).toEqual(['2026-01-01 – 2026-02-01']);
  });

  it('bills the months before a live run, not those after it', () => {
    const runs = [
      run(DEC, 'SUCCEEDED', '2026-01-01T00:05:00Z'),
      run(JAN, 'RUNNING', '2026-03-01T00:00:00Z'),
    ];
    expect(tick('2026-03-01T00:01:00Z', { runs })).toEqual({
      runs: ['2025-12-01 – 2026-01-01'],
      finalize: [],
      waiting: ['2026-01-01 – 2026-02-01'],
    });
  });

  it('finalizes the drafts of a billed month once the grace has passed, not before', () => {
    const runs = [run(JAN, 'SUCCEEDED', '2026-02-01T00:05:00Z')];
    const drafts = [
      { id: 'calendar', periodEnd: utc('2026-02-01') },
      // An anniversary period ending in January, billed by January's run.
      { id: 'anniversary', periodEnd: utc('2026-01-15') },
    ];
    expect(tick('2026-02-03T23:59:59.999Z', { runs, drafts }).finalize).toEqual(['anniversary']);
    expect(tick('2026-02-04T00:00:00Z', { runs, drafts }).finalize).toEqual([
      'calendar',
      'anniversary',
    ]);
  });

  it('a grace of 0 finalizes at the next tick', () => {
    const runs = [run(JAN, 'SUCCEEDED', '2026-02-01T00:05:00Z')];
    const drafts = [{ id: 'd', periodEnd: utc('2026-02-01') }];
    expect(tick('2026-02-01T00:10:00Z', { runs, drafts, graceMs: 0 }).finalize).toEqual(['d']);
  });

  it('keeps the drafts of a month never billed, being billed or about to be billed', () => {
    const drafts = [
      { id: 'dec', periodEnd: utc('2026-01-01') },
      { id: 'jan', periodEnd: utc('2026-02-01') },
      { id: 'feb', periodEnd: utc('2026-03-01') },
    ];
    const runs = [
      run(DEC, 'FAILED', '2026-01-01T00:05:00Z'),
      run(JAN, 'SUCCEEDED', '2026-02-01T00:05:00Z'),
      run(FEB, 'SUCCEEDED', '2026-03-01T00:05:00Z'),
      run(FEB, 'RUNNING', '2026-03-10T00:00:00Z'),
    ];
    // April 1st: January is not re-run (February is the latest billed); March is due,
    // after February again — so February's drafts wait; December was never billed.
    expect(tick('2026-04-01T00:05:00Z', { runs, drafts, stalledAfterMs: 1e12 })).toEqual({
      runs: [],
      finalize: ['jan'],
      waiting: ['2026-02-01 – 2026-03-01'],
    });
    expect(tick('2026-04-01T00:05:00Z', { runs, drafts }).finalize).toEqual(['jan']);
  });

  it('a second tick after a month fully done decides nothing', () => {
    const runs = [
      run(FEB, 'SUCCEEDED', '2026-03-01T00:05:00Z'),
      run(FEB, 'SUCCEEDED', '2026-04-01T00:05:00Z'),
      run(MAR, 'SUCCEEDED', '2026-04-01T00:06:00Z'),
    ];
    expect(tick('2026-04-01T00:10:00Z', { runs })).toEqual({
      runs: [],
      finalize: [],
      waiting: [],
    });
  });
});
