import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Headers every Cascade call carries: the bearer token and, between services, the caller. */
export const AUTHORIZATION_HEADER = 'authorization';
export const FORWARDED_PRINCIPAL_HEADER = 'x-cascade-principal';

/** The shortest static credential a service accepts (32 random bytes are 43 base64url chars). */
export const MIN_TOKEN_LENGTH = 32;

/** A fresh high-entropy secret: 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Compares two secrets in time independent of where they differ (and of their
 * lengths: both sides are hashed to 32 bytes first).
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an "authorization: Bearer <token>" header, or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

export interface StaticCredentials {
  /** CASCADE_ADMIN_TOKEN: the installation operator. */
  adminToken: string;
  /** CASCADE_SERVICE_TOKEN: what the services present to each other. */
  serviceToken: string;
}

/** Reads both static credentials from the environment; a service refuses to start without them. */
export function staticCredentials(env: NodeJS.ProcessEnv = process.env): StaticCredentials {
  const read = (name: string): string => {
    const value = env[name] ?? '';
    if (value.length < MIN_TOKEN_LENGTH)
      throw new Error(
        `${name}: must be set to a secret of at least ${MIN_TOKEN_LENGTH} characters (npm start generates one)`,
      );
    return value;
  };
  const credentials = {
    adminToken: read('CASCADE_ADMIN_TOKEN'),
    serviceToken: read('CASCADE_SERVICE_TOKEN'),
  };
  if (credentials.adminToken === credentials.serviceToken)
    throw new Error('CASCADE_ADMIN_TOKEN and CASCADE_SERVICE_TOKEN must differ');
  return credentials;
}

/** API keys are "cascade.<id>.<secret>": the id finds the key, the secret proves it. */
const API_KEY = /^cascade\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export function formatApiKey(id: string, secret: string): string {
  return `cascade.${id}.${secret}`;
}

export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  const match = API_KEY.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}
