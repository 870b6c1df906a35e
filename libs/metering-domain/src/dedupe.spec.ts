import { formatDecimal } from '@cascade/money';
import { dedupeByEventId } from './dedupe';
import { fact } from './testing/facts';

describe('dedupeByEventId', () => {
  it('keeps one fact per eventId', () => {
    const a = fact({ eventId: 'a', quantity: '1', timestamp: '2026-03-01T00:00:00Z' });
    const b = fact({ eventId: 'b', quantity: '1', timestamp: '2026-03-01T00:00:00Z' });
    expect(dedupeByEventId([a, b, { ...a }, b]).map((f) => f.eventId)).toEqual(['a', 'b']);
  });

  it('resolves conflicting duplicates the same way in any order', () => {
    const variants = [
      fact({ eventId: 'a', quantity: '5', timestamp: '2026-03-01T02:00:00Z' }),
      fact({ eventId: 'a', quantity: '3', timestamp: '2026-03-01T01:00:00Z' }),
      fact({ eventId: 'a', quantity: '4', timestamp: '2026-03-01T01:00:00Z' }),
      fact({
        eventId: 'a',
        quantity: '3',
        timestamp: '2026-03-01T01:00:00Z',
        properties: { k: 'v' },
      }),
    ];
    const winners = [
      variants,
      [...variants].reverse(),
      [variants[2], variants[0], variants[3], variants[1]],
    ]
      .map(dedupeByEventId)
      .map(([only]) => [
        formatDecimal(only.quantity),
        only.timestamp.toISOString(),
        only.properties,
      ]);
    expect(winners).toEqual([
      ['3', '2026-03-01T01:00:00.000Z', { k: 'v' }],
      ['3', '2026-03-01T01:00:00.000Z', { k: 'v' }],
      ['3', '2026-03-01T01:00:00.000Z', { k: 'v' }],
    ]);
  });
});
