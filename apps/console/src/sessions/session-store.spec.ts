import { SessionStore } from './session-store';

describe('console sessions', () => {
  const operator = { kind: 'operator' } as const;
  let now = 0;
  const store = () => new SessionStore({ idleMs: 1_000, absoluteMs: 5_000 }, () => now);

  beforeEach(() => (now = 1_000_000));

  it('gives each sign-in its own random id and CSRF token, neither of which is the key', () => {
    const sessions = store();
    const a = sessions.create('the-key', operator);
    const b = sessions.create('the-key', operator);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([a.id, b.id, a.csrfToken, b.csrfToken]).size).toBe(4);
    expect([a.id, a.csrfToken]).not.toContain('the-key');
    expect(sessions.use(a.id)?.token).toBe('the-key');
  });

  it('ends a session idle for idleMs, and each use restarts the idle clock', () => {
    const sessions = store();
    const s = sessions.create('k', operator);
    now += 999;
    expect(sessions.use(s.id)?.id).toBe(s.id);
    now += 999;
    expect(sessions.use(s.id)?.id).toBe(s.id);
    now += 1_000;
    expect(sessions.use(s.id)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('ends a session absoluteMs after sign-in however busy it is', () => {
    const sessions = store();
    const s = sessions.create('k', operator);
    for (let i = 0; i < 5; i++) {
      now += 900;
      expect(sessions.use(s.id)?.id).toBe(s.id);
    }
    now += 500;
    expect(sessions.use(s.id)).toBeUndefined();
  });

  it('signs out one session, or every session of a key', () => {
    const sessions = store();
    const a = sessions.create('k1', operator);
    const b = sessions.create('k1', operator);
    const c = sessions.create('k2', operator);
    sessions.end(a.id);
    expect(sessions.use(a.id)).toBeUndefined();
    sessions.endToken('k1');
    expect([sessions.use(b.id), sessions.use(c.id)?.id]).toEqual([undefined, c.id]);
  });

  it('knows no session for a missing or unknown id', () => {
    const sessions = store();
    expect([sessions.use(undefined), sessions.use(''), sessions.use('nope')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
