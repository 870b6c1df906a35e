import { randomBytes } from 'node:crypto';

/**
 * The credentials every cascade a test process starts is given: the
 * installation operator's token (what grpcClients and connectJson send unless
 * told otherwise) and the services' shared credential. Fresh per test process.
 */
export const E2E_ADMIN_TOKEN = randomBytes(32).toString('base64url');
export const E2E_SERVICE_TOKEN = randomBytes(32).toString('base64url');

/** `authorization: Bearer <token>`. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
