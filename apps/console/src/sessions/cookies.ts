import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'cascade_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The session id from the Cookie header, if any. */
export function sessionIdOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), path-wide. */
export function setSessionCookie(res: Response, id: string, secure: boolean, maxAgeMs: number) {
  res.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(res: Response, secure: boolean) {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
