import { currentRequest } from './request-context';
import { AUTHORIZATION_HEADER, FORWARDED_PRINCIPAL_HEADER } from './secrets';
import { encodeForwarded, Principal } from './principal';

/** The headers a client puts on each call, decided at call time. */
export type CallAuth = () => Record<string, string>;

/** A fixed bearer token: an operator's, or an API key. */
export function bearerAuth(token: string): CallAuth {
  const headers = { [AUTHORIZATION_HEADER]: `Bearer ${token}` };
  return () => headers;
}

/** The caller a service acts for, when it serves a request right now. */
function forwardedCaller(principal: Principal | undefined) {
  if (!principal) return undefined;
  if (principal.kind === 'service') return principal.onBehalfOf;
  return principal;
}

/**
 * How a service calls its peers: the shared service credential
 * (CASCADE_SERVICE_TOKEN, read at call time) and the caller of the request
 * being served, so the peer knows on whose behalf it acts.
 */
export function serviceAuth(env: NodeJS.ProcessEnv = process.env): CallAuth {
  return () => {
    const headers: Record<string, string> = {
      [AUTHORIZATION_HEADER]: `Bearer ${env.CASCADE_SERVICE_TOKEN ?? ''}`,
    };
    const caller = forwardedCaller(currentRequest()?.principal);
    if (caller) headers[FORWARDED_PRINCIPAL_HEADER] = encodeForwarded(caller);
    return headers;
  };
}
