import { formatDecimal, sum } from '@cascade/money';
import { bucketStarts, series } from './buckets';
import { at, fact, window } from './testing/facts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('bucketStarts', () => {
  it('aligns hours to the clock, starting from `from` truncated', () => {
    expect(
      iso(bucketStarts(at('2026-03-01T10:30:00Z'), at('2026-03-01T13:00:00Z'), 'HOUR')),
    ).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01T11:00:00.000Z', '2026-03-01T12:00:00.000Z']);
  });

  it('includes a bucket the window only grazes by a millisecond', () => {
    expect(
      bucketStarts(at('2026-03-01T00:00:00Z'), at('2026-03-03T00:00:00.001Z'), 'DAY'),
    ).toHaveLength(3);
  });

  it('aligns days to UTC midnight across a month end', () => {
    expect(
      iso(bucketStarts(at('2026-02-27T23:00:00Z'), at('2026-03-02T00:00:00Z'), 'DAY')),
    ).toEqual(['2026-02-27T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('aligns months to the first, across a year end and a leap February', () => {
    expect(
      iso(bucketStarts(at('2027-12-31T12:00:00Z'), at('2028-03-01T00:00:00Z'), 'MONTH')),
    ).toEqual(['2027-12-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z', '2028-02-01T00:00:00.000Z']);
  });

  it('has no buckets for an empty window', () => {
    expect(bucketStarts(at('2026-03-01T10:30:00Z'), at('2026-03-01T10:30:00Z'), 'HOUR')).toEqual(
      [],
    );
  });
});

describe('series', () => {
  const values = (points: ReturnType<typeof series>) =>
    points.map((p) => [p.start.toISOString(), formatDecimal(p.value)]);

  it('aggregates each bucket over its part of the window only', () => {
    const facts = [
      fact({ eventId: 'a', quantity: '1', timestamp: '2026-03-01T10:10:00Z' }),
      fact({ eventId: 'b', quantity: '2', timestamp: '2026-03-01T10:40:00Z' }),
      fact({ eventId: 'c', quantity: '4', timestamp: '2026-03-01T11:05:00Z' }),
    ];
    const w = window('2026-03-01T10:30:00Z', '2026-03-01T12:00:00Z');
    expect(values(series('SUM', facts, w, 'HOUR'))).toEqual([
      ['2026-03-01T10:00:00.000Z', '2'],
      ['2026-03-01T11:00:00.000Z', '4'],
    ]);
  });

  it('splits the Lago March gauge by day, adding up to 11280', () => {
    const storage = [
      fact({ quantity: '20', timestamp: '2026-03-16T00:00:00Z' }),
      fact({ quantity: '30', timestamp: '2026-03-17T00:00:00Z' }),
    ];
    const march = window('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    const daily = series('TIME_WEIGHTED', storage, march, 'DAY');
    expect(daily).toHaveLength(31);
    expect(values(daily).slice(14, 17)).toEqual([
      ['2026-03-15T00:00:00.000Z', '0'],
      ['2026-03-16T00:00:00.000Z', '480'],
      ['2026-03-17T00:00:00.000Z', '720'],
    ]);
    expect(formatDecimal(sum(daily.map((p) => p.value)))).toBe('11280');
    expect(values(series('TIME_WEIGHTED', storage, march, 'MONTH'))).toEqual([
      ['2026-03-01T00:00:00.000Z', '11280'],
    ]);
  });

  it('passes the property through to UNIQUE_COUNT', () => {
    const facts = [
      fact({
        eventId: 'a',
        quantity: '1',
        timestamp: '2026-03-01T10:10:00Z',
        properties: { user: 'u1' },
      }),
      fact({
        eventId: 'b',
        quantity: '1',
        timestamp: '2026-03-01T10:20:00Z',
        properties: { user: 'u2' },
      }),
    ];
    const w = window('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z');
    expect(values(series('UNIQUE_COUNT', facts, w, 'HOUR', { property: 'user' }))).toEqual([
      ['2026-03-01T10:00:00.000Z', '2'],
    ]);
  });
});
