import { randomBytes } from 'node:crypto';

/** Who a session acts as: the operator, or an API key's tenant and role. */
export type SessionPrincipal =
  | { kind: 'operator' }
  | { kind: 'key'; tenantId: string; role: 'ADMIN' | 'VIEWER'; path: string[]; keyId: string };

export interface Session {
  id: string;
  /** The API key or operator token, kept here only: the browser holds the session id. */
  token: string;
  principal: SessionPrincipal;
  /** Sent back by the SPA in a header on every forwarded call. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

const randomId = () => randomBytes(32).toString('base64url');

/**
 * Sessions in memory: a random id per sign-in, ended by sign-out, by idleMs
 * without a call, or absoluteMs after sign-in, whichever comes first. A
 * restart of the console signs everybody out (the keys stay valid).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  create(token: string, principal: SessionPrincipal): Session {
    this.sweep();
    const at = this.now();
    const session = {
      id: randomId(),
      token,
      principal,
      csrfToken: randomId(),
      createdAt: at,
      lastSeenAt: at,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle clock restarted; undefined once ended or expired. */
  use(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (this.expired(session, at)) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Ends every session of a key (it was revoked, or its tenant closed). */
  endToken(token: string): void {
    for (const [id, s] of this.sessions) if (s.token === token) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(session: Session, at: number): boolean {
    return (
      at - session.lastSeenAt >= this.limits.idleMs ||
      at - session.createdAt >= this.limits.absoluteMs
    );
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) if (this.expired(s, at)) this.sessions.delete(id);
  }
}
