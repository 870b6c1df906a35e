import type { ParentHistory } from './parent-history';
import { pathAt } from './path-at';
import { at } from './testing/facts';

const since = (parentId: string | null, from = '2026-01-01T00:00:00Z') => ({
  parentId,
  from: at(from),
  to: null,
});

describe('pathAt', () => {
  const moveAt = at('2026-03-15T00:00:00Z');
  const histories: Record<string, ParentHistory> = {
    provider: [since(null)],
    'dist-a': [since('provider')],
    'dist-b': [since('provider')],
    customer: [
      { parentId: 'dist-a', from: at('2026-01-01T00:00:00Z'), to: moveAt },
      { parentId: 'dist-b', from: moveAt, to: null },
    ],
  };
  const historyOf = (id: string) => histories[id];

  it('walks the parents in force at the instant', () => {
    expect(pathAt('customer', at('2026-03-14T23:59:59Z'), historyOf)).toEqual([
      'provider',
      'dist-a',
      'customer',
    ]);
    expect(pathAt('customer', moveAt, historyOf)).toEqual(['provider', 'dist-b', 'customer']);
    expect(pathAt('provider', moveAt, historyOf)).toEqual(['provider']);
  });

  it('is undefined where a tenant on the way did not exist yet', () => {
    expect(pathAt('customer', at('2025-06-01T00:00:00Z'), historyOf)).toBeUndefined();
    expect(pathAt('unknown', moveAt, historyOf)).toBeUndefined();
  });

  it('refuses histories that form a cycle', () => {
    const cyclic: Record<string, ParentHistory> = { a: [since('b')], b: [since('a')] };
    expect(() => pathAt('a', moveAt, (id) => cyclic[id])).toThrow('cycle');
  });
});
