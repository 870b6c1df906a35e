import { timingSafeEqual } from 'node:crypto';

/**
 * Cross-site request checks for every state-changing request (sign-in, sign-out,
 * every forwarded call): the Origin must be the console's own (or one configured),
 * and forwarded calls must carry the session's CSRF token.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  extraOrigins: readonly string[],
): boolean {
  if (!origin || !host) return false;
  if (extraOrigins.includes(origin)) return true;
  return origin === `http://${host}` || origin === `https://${host}`;
}

export function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
