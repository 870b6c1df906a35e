import { Code, ConnectError, type Interceptor, type Transport } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-web';

/** The session's CSRF token, held in memory only (never in storage the page keeps). */
let csrfToken = '';
let onSessionLost: () => void = () => undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** What to do when a call answers UNAUTHENTICATED: the session expired or its key was revoked. */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

const withSession: Interceptor = (next) => async (request) => {
  request.header.set('x-csrf-token', csrfToken);
  try {
    return await next(request);
  } catch (error) {
    if (ConnectError.from(error).code === Code.Unauthenticated) onSessionLost();
    throw error;
  }
};

/**
 * Connect over the console's own origin: the server forwards /api/<package>.<Service>/<Method>
 * to the service with the session's key. The cookie goes along (same origin); nothing else does.
 */
export function consoleTransport(prefix = '/api'): Transport {
  return createConnectTransport({
    baseUrl: new URL(prefix, window.location.origin).toString(),
    interceptors: [withSession],
    useBinaryFormat: true,
  });
}
