import { Dec, formatDecimal } from '@cascade/money';
import { aggregate } from './aggregate';
import { edgeRollupOf, edgesAbove } from './edge-rollup';
import { hourOf, isHourAligned, partialSeries, partialValue } from './rollup';

/** The partials of a's subtree: every edge below a, and a's own use. */
const ofA = (rows: ReturnType<typeof edgeRollupOf>) => rows.filter((r) => r.ancestorId === 'a');

const at = (iso: string) => new Date(iso).getTime();
const facts = [
  { meterCode: 'm', path: '/a/', ts: at('2026-03-01T00:10:00Z'), quantity: new Dec('1.5') },
  { meterCode: 'm', path: '/a/', ts: at('2026-03-01T00:50:00Z'), quantity: new Dec('2.25') },
  { meterCode: 'm', path: '/a/b/', ts: at('2026-03-01T00:20:00Z'), quantity: new Dec('7') },
  {
    meterCode: 'm',
    path: '/a/',
    ts: at('2026-03-02T13:00:00Z'),
    quantity: new Dec('0.000000000000000001'),
  },
];

describe('hourly partials', () => {
  it('add each fact to every edge above it and to its tenant’s own use', () => {
    expect(edgesAbove('/p/d/r/c/')).toEqual([
      ['p', 'd'],
      ['d', 'r'],
      ['r', 'c'],
      ['c', 'c'],
    ]);
  });

  it('fold facts per edge and hour', () => {
    const rows = edgeRollupOf(facts).map((r) => [
      `${r.ancestorId}→${r.childId}`,
      new Date(r.hour).toISOString(),
      formatDecimal(r.total),
      formatDecimal(r.events),
      formatDecimal(r.peak),
    ]);
    expect(rows).toEqual([
      ['a→a', '2026-03-01T00:00:00.000Z', '3.75', '2', '2.25'],
      ['a→b', '2026-03-01T00:00:00.000Z', '7', '1', '7'],
      ['b→b', '2026-03-01T00:00:00.000Z', '7', '1', '7'],
      ['a→a', '2026-03-02T13:00:00.000Z', '0.000000000000000001', '1', '0.000000000000000001'],
    ]);
  });

  it.each([
    ['SUM', '10.750000000000000001'],
    ['COUNT', '4'],
    ['MAX', '7'],
  ] as const)('give the same %s as the facts themselves', (aggregation, expected) => {
    const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
    const asFacts = facts.map((f, i) => ({
      eventId: String(i),
      quantity: f.quantity,
      timestamp: new Date(f.ts),
      resourceId: '',
      properties: {},
    }));
    expect([
      formatDecimal(partialValue(aggregation, ofA(edgeRollupOf(facts)))),
      formatDecimal(aggregate(aggregation, asFacts, window)),
    ]).toEqual([expected, expected]);
  });

  it('answer nothing as zero, and refuse aggregations that do not combine', () => {
    expect(formatDecimal(partialValue('MAX', []))).toBe('0');
    expect(() => partialValue('LATEST', [])).toThrow('LATEST is not combined from hourly partials');
  });

  it('put each hour in its calendar bucket', () => {
    const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') };
    expect(
      partialSeries('SUM', ofA(edgeRollupOf(facts)), window, 'DAY').map((p) =>
        formatDecimal(p.value),
      ),
    ).toEqual(['10.75', '0.000000000000000001', '0']);
  });

  it('align to hours in UTC', () => {
    expect(new Date(hourOf(at('2026-03-01T05:59:59.999Z'))).toISOString()).toBe(
      '2026-03-01T05:00:00.000Z',
    );
    expect([
      isHourAligned(new Date('2026-03-01T05:00:00Z')),
      isHourAligned(new Date('2026-03-01T05:00:01Z')),
    ]).toEqual([true, false]);
  });
});
