import { createHash, timingSafeEqual } from 'node:crypto';
import { Code, ConnectError } from '@connectrpc/connect';
import { ApiKeyService, Role } from '@cascade/contracts';
import { bearerAuth, peerClient } from '@cascade/platform';
import type { SessionPrincipal } from './session-store';

/** Why a sign-in was refused, in words for the person typing the key. */
export class SignInRefused extends Error {}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Resolves a key typed at sign-in: the operator's token (compared here), or an
 * API key resolved by metering's Authenticate with the service credential.
 * INGEST keys only record usage: they do not sign in to a console.
 */
export class KeyCheck {
  private readonly apiKeys;

  constructor(
    meteringUrl: string,
    serviceToken: string,
    private readonly adminToken: string | undefined,
  ) {
    this.apiKeys = peerClient(ApiKeyService, {
      baseUrl: meteringUrl,
      auth: bearerAuth(serviceToken),
      timeoutMs: 10_000,
    });
  }

  async resolve(token: string): Promise<SessionPrincipal> {
    if (this.adminToken && sameSecret(token, this.adminToken)) return { kind: 'operator' };
    if (!token.startsWith('cascade.')) throw new SignInRefused('key: unknown or revoked');
    try {
      const p = await this.apiKeys.authenticate({ token });
      if (p.role === Role.INGEST) {
        throw new SignInRefused('key: an INGEST key records usage only and cannot sign in');
      }
      const role = p.role === Role.ADMIN ? 'ADMIN' : 'VIEWER';
      return { kind: 'key', tenantId: p.tenantId, role, path: p.path, keyId: p.keyId };
    } catch (error) {
      if (error instanceof SignInRefused) throw error;
      if (ConnectError.from(error).code === Code.Unauthenticated) {
        throw new SignInRefused('key: unknown or revoked');
      }
      throw error;
    }
  }
}
