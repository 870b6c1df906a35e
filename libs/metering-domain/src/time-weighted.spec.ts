import { formatDecimal } from '@cascade/money';
import { aggregate } from './aggregate';
import { fact, window } from './testing/facts';

const tw = (facts: Parameters<typeof aggregate>[1], w: ReturnType<typeof window>) =>
  formatDecimal(aggregate('TIME_WEIGHTED', facts, w));

describe('TIME_WEIGHTED: Lago weighted sum example', () => {
  const march = window('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
  const storage = [
    fact({ quantity: '0', timestamp: '2026-03-01T00:00:00Z', resourceId: 'vol-1' }),
    fact({ quantity: '20', timestamp: '2026-03-16T00:00:00Z', resourceId: 'vol-1' }),
    fact({ quantity: '30', timestamp: '2026-03-17T00:00:00Z', resourceId: 'vol-1' }),
  ];

  it('integrates 20 GB for a day and 30 GB for 15 days into 11280 GB-hours', () => {
    expect(tw(storage, march)).toBe('11280');
  });

  it('matches Lago in GB-months: 11280 / 744 hours', () => {
    const gbMonths = aggregate('TIME_WEIGHTED', storage, march).div(744);
    expect(formatDecimal(gbMonths.toDecimalPlaces(10))).toBe('15.1612903226');
    expect(formatDecimal(gbMonths)).toMatch(/^15\.16129032258064516129/);
  });
});

describe('TIME_WEIGHTED: gauges', () => {
  const vcpu = (quantity: string, timestamp: string, resourceId = 'vm-1') =>
    fact({ quantity, timestamp, resourceId });

  it('4 vCPUs for 90 minutes is 6 vCPU-hours', () => {
    const facts = [vcpu('4', '2026-03-01T10:00:00Z'), vcpu('0', '2026-03-01T11:30:00Z')];
    expect(tw(facts, window('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))).toBe('6');
  });

  it('takes the value at the window start from a fact before the window', () => {
    const facts = [vcpu('4', '2026-02-20T00:00:00Z')];
    expect(tw(facts, window('2026-03-01T01:00:00Z', '2026-03-01T02:30:00Z'))).toBe('6');
  });

  it('lets a gauge still open accrue to the window end', () => {
    const facts = [vcpu('2.5', '2026-03-01T23:00:00Z')];
    expect(tw(facts, window('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))).toBe('2.5');
  });

  it('splits a gauge across two windows into parts that sum to the whole', () => {
    const facts = [vcpu('4', '2026-03-01T10:00:00Z'), vcpu('0', '2026-03-01T11:30:00Z')];
    const first = aggregate(
      'TIME_WEIGHTED',
      facts,
      window('2026-03-01T00:00:00Z', '2026-03-01T11:00:00Z'),
    );
    const second = aggregate(
      'TIME_WEIGHTED',
      facts,
      window('2026-03-01T11:00:00Z', '2026-03-02T00:00:00Z'),
    );
    expect([
      formatDecimal(first),
      formatDecimal(second),
      formatDecimal(first.plus(second)),
    ]).toEqual(['4', '2', '6']);
  });

  it('stops accruing at "0" and resumes on the next value', () => {
    const facts = [
      vcpu('2', '2026-03-01T00:00:00Z'),
      vcpu('0', '2026-03-01T01:00:00Z'),
      vcpu('8', '2026-03-01T05:00:00Z'),
      vcpu('0', '2026-03-01T05:15:00Z'),
    ];
    expect(tw(facts, window('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))).toBe('4');
  });

  it('ignores changes at or after the window end', () => {
    const facts = [vcpu('1', '2026-03-01T00:00:00Z'), vcpu('100', '2026-03-01T02:00:00Z')];
    expect(tw(facts, window('2026-03-01T00:00:00Z', '2026-03-01T02:00:00Z'))).toBe('2');
  });

  it('adds separate resources and keeps each gauge to its own resource', () => {
    const facts = [
      vcpu('4', '2026-03-01T00:00:00Z', 'vm-1'),
      vcpu('2', '2026-03-01T00:30:00Z', 'vm-2'),
      vcpu('0', '2026-03-01T01:00:00Z', 'vm-1'),
    ];
    expect(tw(facts, window('2026-03-01T00:00:00Z', '2026-03-01T02:00:00Z'))).toBe('7');
  });

  it('applies same-instant changes in eventId order, whatever the input order', () => {
    const tied = [
      fact({ eventId: 'b', quantity: '3', timestamp: '2026-03-01T00:00:00Z' }),
      fact({ eventId: 'a', quantity: '5', timestamp: '2026-03-01T00:00:00Z' }),
    ];
    const w = window('2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z');
    expect([tw(tied, w), tw([...tied].reverse(), w)]).toEqual(['3', '3']);
  });

  it('keeps a non-terminating fraction of an hour (1 ms) to 60 significant digits', () => {
    const facts = [vcpu('1', '2026-03-01T00:00:00.000Z'), vcpu('0', '2026-03-01T00:00:00.001Z')];
    const value = aggregate(
      'TIME_WEIGHTED',
      facts,
      window('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'),
    );
    expect(formatDecimal(value)).toBe(`0.0000002${'7'.repeat(58)}8`);
  });
});
