import { ParentPeriod } from './parent-history';
import { repathSegments } from './repath-segments';

const T0 = new Date(0);
const t = (day: number) => new Date(Date.UTC(2026, 2, day));

/** P is the root; A and Y under P; X under A; C under P. */
function histories(extra: Record<string, ParentPeriod[]> = {}) {
  const base: Record<string, ParentPeriod[]> = {
    P: [{ parentId: null, from: T0, to: null }],
    A: [{ parentId: 'P', from: T0, to: null }],
    Y: [{ parentId: 'P', from: T0, to: null }],
    X: [{ parentId: 'A', from: T0, to: null }],
    C: [{ parentId: 'P', from: T0, to: null }],
  };
  return { ...base, ...extra };
}
const changes = (h: Record<string, ParentPeriod[]>) =>
  Object.values(h).flatMap((periods) => periods.map((p) => p.from.getTime()));

describe('repathSegments', () => {
  test('a move with no later moves around it is one open stretch', () => {
    const before = histories();
    const after = histories({
      C: [
        { parentId: 'P', from: T0, to: t(10) },
        { parentId: 'X', from: t(10), to: null },
      ],
    });
    expect(
      repathSegments(
        'C',
        t(10),
        (id) => before[id],
        (id) => after[id],
        changes(after),
      ),
    ).toEqual([{ from: t(10), to: null, oldPath: ['P', 'C'], newPath: ['P', 'A', 'X', 'C'] }]);
  });

  test("a move under a tenant whose ancestor moved later takes the new parent's chain as of each stretch", () => {
    // A moved under Y on the 20th; C now moves under X (below A) from the 10th.
    const movedA: ParentPeriod[] = [
      { parentId: 'P', from: T0, to: t(20) },
      { parentId: 'Y', from: t(20), to: null },
    ];
    const before = histories({ A: movedA });
    const after = histories({
      A: movedA,
      C: [
        { parentId: 'P', from: T0, to: t(10) },
        { parentId: 'X', from: t(10), to: null },
      ],
    });
    expect(
      repathSegments(
        'C',
        t(10),
        (id) => before[id],
        (id) => after[id],
        changes(after),
      ),
    ).toEqual([
      { from: t(10), to: t(20), oldPath: ['P', 'C'], newPath: ['P', 'A', 'X', 'C'] },
      { from: t(20), to: null, oldPath: ['P', 'C'], newPath: ['P', 'Y', 'A', 'X', 'C'] },
    ]);
  });

  test('a move out from under a tenant whose ancestor moved later takes the old chain as of each stretch', () => {
    // X's ancestor A moved under Y on the 20th; X now moves under P from the 10th.
    const movedA: ParentPeriod[] = [
      { parentId: 'P', from: T0, to: t(20) },
      { parentId: 'Y', from: t(20), to: null },
    ];
    const before = histories({ A: movedA });
    const after = histories({
      A: movedA,
      X: [
        { parentId: 'A', from: T0, to: t(10) },
        { parentId: 'P', from: t(10), to: null },
      ],
    });
    expect(
      repathSegments(
        'X',
        t(10),
        (id) => before[id],
        (id) => after[id],
        changes(after),
      ),
    ).toEqual([
      { from: t(10), to: t(20), oldPath: ['P', 'A', 'X'], newPath: ['P', 'X'] },
      { from: t(20), to: null, oldPath: ['P', 'Y', 'A', 'X'], newPath: ['P', 'X'] },
    ]);
  });
});
