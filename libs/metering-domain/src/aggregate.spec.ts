import { formatDecimal } from '@cascade/money';
import { aggregate } from './aggregate';
import type { Aggregation } from './aggregation';
import { fact, window } from './testing/facts';

const day = window('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');

describe('aggregate: Lago billable metric examples', () => {
  const pageviews = [
    fact({
      eventId: 'a',
      quantity: '10',
      timestamp: '2026-03-01T10:00:00Z',
      properties: { user: 'u1' },
    }),
    fact({
      eventId: 'b',
      quantity: '20',
      timestamp: '2026-03-01T11:00:00Z',
      properties: { user: 'u1' },
    }),
  ];

  it.each<[Aggregation, string]>([
    ['COUNT', '2'],
    ['SUM', '30'],
    ['MAX', '20'],
    ['UNIQUE_COUNT', '1'],
  ])('%s of pageviews 10 and 20 from one user is %s', (aggregation, expected) => {
    expect(formatDecimal(aggregate(aggregation, pageviews, day, { property: 'user' }))).toBe(
      expected,
    );
  });

  it('LATEST of 20 then 10 is 10', () => {
    const facts = [
      fact({ eventId: 'x', quantity: '20', timestamp: '2026-03-01T10:00:00Z' }),
      fact({ eventId: 'y', quantity: '10', timestamp: '2026-03-01T11:00:00Z' }),
    ];
    expect(formatDecimal(aggregate('LATEST', facts, day))).toBe('10');
    expect(formatDecimal(aggregate('LATEST', [...facts].reverse(), day))).toBe('10');
  });
});

describe('aggregate: windows are half-open', () => {
  const edges = [
    fact({ eventId: 'start', quantity: '1', timestamp: '2026-03-01T00:00:00Z' }),
    fact({ eventId: 'end', quantity: '100', timestamp: '2026-03-02T00:00:00Z' }),
    fact({ eventId: 'before', quantity: '1000', timestamp: '2026-02-28T23:59:59.999Z' }),
  ];

  it.each<[Aggregation, string]>([
    ['SUM', '1'],
    ['COUNT', '1'],
    ['MAX', '1'],
    ['LATEST', '1'],
  ])('%s counts a fact at `from` and none at `to`', (aggregation, expected) => {
    expect(formatDecimal(aggregate(aggregation, edges, day))).toBe(expected);
  });

  it.each<Aggregation>(['SUM', 'COUNT', 'MAX', 'LATEST', 'TIME_WEIGHTED'])(
    '%s of nothing is 0',
    (aggregation) => {
      expect(formatDecimal(aggregate(aggregation, [], day))).toBe('0');
    },
  );

  it('an empty window aggregates to 0 and a reversed one is an error', () => {
    const empty = window('2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(formatDecimal(aggregate('COUNT', edges, empty))).toBe('0');
    expect(() => aggregate('SUM', edges, { from: day.to, to: day.from })).toThrow(RangeError);
  });
});

describe('aggregate: semantics', () => {
  it('MAX may be negative when every quantity is', () => {
    const facts = [
      fact({ eventId: 'a', quantity: '-3.5', timestamp: '2026-03-01T01:00:00Z' }),
      fact({ eventId: 'b', quantity: '-1.25', timestamp: '2026-03-01T02:00:00Z' }),
    ];
    expect(formatDecimal(aggregate('MAX', facts, day))).toBe('-1.25');
  });

  it('UNIQUE_COUNT leaves out facts without the property and needs a property', () => {
    const facts = [
      fact({
        eventId: 'a',
        quantity: '1',
        timestamp: '2026-03-01T01:00:00Z',
        properties: { user: 'u1' },
      }),
      fact({
        eventId: 'b',
        quantity: '1',
        timestamp: '2026-03-01T02:00:00Z',
        properties: { user: 'u2' },
      }),
      fact({
        eventId: 'c',
        quantity: '1',
        timestamp: '2026-03-01T03:00:00Z',
        properties: { user: '' },
      }),
      fact({ eventId: 'd', quantity: '1', timestamp: '2026-03-01T04:00:00Z' }),
    ];
    expect(formatDecimal(aggregate('UNIQUE_COUNT', facts, day, { property: 'user' }))).toBe('3');
    expect(() => aggregate('UNIQUE_COUNT', facts, day)).toThrow('UNIQUE_COUNT needs the property');
  });

  it('LATEST breaks a timestamp tie by the greater eventId, whatever the input order', () => {
    const tied = [
      fact({ eventId: 'evt-2', quantity: '7', timestamp: '2026-03-01T05:00:00Z' }),
      fact({ eventId: 'evt-1', quantity: '9', timestamp: '2026-03-01T05:00:00Z' }),
    ];
    expect(formatDecimal(aggregate('LATEST', tied, day))).toBe('7');
    expect(formatDecimal(aggregate('LATEST', [...tied].reverse(), day))).toBe('7');
  });

  it('counts a duplicated eventId once', () => {
    const once = fact({ eventId: 'a', quantity: '2.5', timestamp: '2026-03-01T01:00:00Z' });
    const facts = [once, { ...once }, once];
    expect(formatDecimal(aggregate('SUM', facts, day))).toBe('2.5');
    expect(formatDecimal(aggregate('COUNT', facts, day))).toBe('1');
  });

  it('rejects an aggregation it does not know', () => {
    expect(() => aggregate('AVERAGE' as Aggregation, [], day)).toThrow(
      'unknown aggregation "AVERAGE"',
    );
  });
});
