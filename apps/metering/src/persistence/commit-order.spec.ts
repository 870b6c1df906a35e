import { CommitOrder, CommitTurn } from './commit-order';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A transaction that logs each step; the test says when its writes end and how. */
function transaction(name: string, turn: CommitTurn, log: string[]) {
  let finishWrites!: (ok: boolean) => void;
  const written = new Promise<boolean>((resolve) => (finishWrites = resolve));
  const done = (async () => {
    await turn.mayWrite();
    log.push(`${name} writes`);
    if (!(await written)) {
      log.push(`${name} fails`);
      turn.ended(false);
      return;
    }
    log.push(`${name} wrote`);
    const earlier = await turn.mayCommit();
    log.push(earlier ? `${name} commits` : `${name} rolls back`);
    turn.ended(earlier);
  })();
  return { finishWrites, done };
}

const before = (log: string[], a: string, b: string) => log.indexOf(a) < log.indexOf(b);

describe('CommitOrder', () => {
  it('lets the next write once the one before has written, and commit once it has committed', async () => {
    const log: string[] = [];
    const order = new CommitOrder();
    const first = transaction('1', order.next(), log);
    const second = transaction('2', order.next(), log);
    await settle();
    expect(log).toEqual(['1 writes']);
    second.finishWrites(true);
    await settle();
    expect(log).toEqual(['1 writes']);
    first.finishWrites(true);
    await Promise.all([first.done, second.done]);
    expect(log).toHaveLength(6);
    expect(before(log, '1 wrote', '2 writes')).toBe(true);
    expect(before(log, '1 commits', '2 commits')).toBe(true);
  });

  it('rolls back everything after a failure, however far it got', async () => {
    const log: string[] = [];
    const order = new CommitOrder();
    const [first, second, third] = [1, 2, 3].map((n) => transaction(String(n), order.next(), log));
    third.finishWrites(true);
    second.finishWrites(false);
    first.finishWrites(true);
    await Promise.all([first.done, second.done, third.done]);
    expect(log.filter((line) => !line.endsWith('writes')).sort()).toEqual([
      '1 commits',
      '1 wrote',
      '2 fails',
      '3 rolls back',
      '3 wrote',
    ]);
  });
});
