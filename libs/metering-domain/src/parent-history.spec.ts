import { applyMove, parentAt, type MoveResult, type ParentHistory } from './parent-history';
import { at } from './testing/facts';

const created: ParentHistory = [{ parentId: 'dist-a', from: at('2026-01-01T00:00:00Z'), to: null }];

function historyOf(result: MoveResult): ParentHistory {
  if (!result.ok) throw new Error(result.reason);
  return result.history;
}

const shape = (history: ParentHistory) =>
  history.map((p) => [p.parentId, p.from.toISOString(), p.to?.toISOString() ?? null]);

describe('applyMove', () => {
  it('closes the current period and opens one under the new parent', () => {
    const moved = historyOf(applyMove(created, 'dist-b', at('2026-03-15T12:00:00Z')));
    expect(shape(moved)).toEqual([
      ['dist-a', '2026-01-01T00:00:00.000Z', '2026-03-15T12:00:00.000Z'],
      ['dist-b', '2026-03-15T12:00:00.000Z', null],
    ]);
  });

  it('rejects a move before the current period began', () => {
    const moved = historyOf(applyMove(created, 'dist-b', at('2026-03-15T12:00:00Z')));
    expect(applyMove(moved, 'dist-c', at('2026-03-01T00:00:00Z'))).toEqual({
      ok: false,
      reason:
        'effective_at 2026-03-01T00:00:00.000Z is before the current parent period began at 2026-03-15T12:00:00.000Z',
    });
  });

  it('treats a move to the current parent as a no-op, so replays are harmless', () => {
    expect(shape(historyOf(applyMove(created, 'dist-a', at('2026-02-01T00:00:00Z'))))).toEqual(
      shape(created),
    );
  });

  it('replaces the current period when the move takes effect at its very start', () => {
    const moved = historyOf(applyMove(created, 'dist-b', at('2026-03-15T12:00:00Z')));
    const corrected = historyOf(applyMove(moved, 'dist-c', at('2026-03-15T12:00:00Z')));
    expect(shape(corrected)).toEqual([
      ['dist-a', '2026-01-01T00:00:00.000Z', '2026-03-15T12:00:00.000Z'],
      ['dist-c', '2026-03-15T12:00:00.000Z', null],
    ]);
    const undone = historyOf(applyMove(moved, 'dist-a', at('2026-03-15T12:00:00Z')));
    expect(shape(undone)).toEqual(shape(created));
  });

  it('can make a tenant a root and starts an empty history', () => {
    expect(shape(historyOf(applyMove(created, null, at('2026-02-01T00:00:00Z'))))[1]).toEqual([
      null,
      '2026-02-01T00:00:00.000Z',
      null,
    ]);
    expect(shape(historyOf(applyMove([], 'dist-a', at('2026-01-01T00:00:00Z'))))).toEqual(
      shape(created),
    );
  });

  it('rejects an invalid instant and a history without an open period', () => {
    expect(applyMove(created, 'dist-b', new Date(Number.NaN))).toMatchObject({ ok: false });
    const closed = [{ ...created[0], to: at('2026-02-01T00:00:00Z') }];
    expect(applyMove(closed, 'dist-b', at('2026-03-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'the history has no open period',
    });
  });
});

describe('parentAt', () => {
  const moved = historyOf(applyMove(created, 'dist-b', at('2026-03-15T12:00:00Z')));

  it('answers with the parent in force, periods being half-open', () => {
    expect(parentAt(moved, at('2026-03-15T11:59:59.999Z'))).toBe('dist-a');
    expect(parentAt(moved, at('2026-03-15T12:00:00Z'))).toBe('dist-b');
    expect(parentAt(moved, at('2030-01-01T00:00:00Z'))).toBe('dist-b');
  });

  it('is undefined before the history begins and null for a root', () => {
    expect(parentAt(moved, at('2025-12-31T23:59:59Z'))).toBeUndefined();
    const root: ParentHistory = [{ parentId: null, from: at('2026-01-01T00:00:00Z'), to: null }];
    expect(parentAt(root, at('2026-06-01T00:00:00Z'))).toBeNull();
  });
});
