/**
 * The console server's session endpoints (not RPCs: they hold the key so the
 * page never has to). The answer carries who is signed in and the CSRF token.
 */
export type Principal =
  | { kind: 'operator' }
  | { kind: 'key'; tenantId: string; role: 'ADMIN' | 'VIEWER'; path: string[]; keyId: string };

export interface SessionInfo {
  principal: Principal;
  csrfToken: string;
}

export class SignInError extends Error {}

async function answer(response: Response): Promise<SessionInfo> {
  const body = (await response.json().catch(() => ({}))) as Partial<SessionInfo> & {
    message?: string;
  };
  if (!response.ok || !body.principal || !body.csrfToken) {
    throw new SignInError(body.message ?? `sign-in failed (${response.status})`);
  }
  return { principal: body.principal, csrfToken: body.csrfToken };
}

export async function currentSession(): Promise<SessionInfo | undefined> {
  const response = await fetch('/session', { credentials: 'same-origin' });
  if (response.status === 401) return undefined;
  return answer(response);
}

export async function signIn(key: string): Promise<SessionInfo> {
  return answer(
    await fetch('/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    }),
  );
}

export async function signOut(): Promise<void> {
  await fetch('/session', { method: 'DELETE', credentials: 'same-origin' });
}
