import * as http2 from 'node:http2';
import type { Request, Response } from 'express';
import type { UpstreamSessions } from './upstream-sessions';
import type { RpcTarget } from './route-target';

/** Request headers of the Connect protocol a call keeps; everything else (cookies, CSRF token) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'connect-protocol-version',
  'connect-timeout-ms',
  'connect-content-encoding',
  'connect-accept-encoding',
  'content-encoding',
  'accept-encoding',
];

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * Streams one Connect call (unary or server streaming) to its service over
 * HTTP/2 with the session's key as the bearer token, and its answer back as
 * it comes. The service decides everything: its isolation applies unchanged.
 */
export function forwardCall(
  sessions: UpstreamSessions,
  target: RpcTarget,
  token: string,
  req: Request,
  res: Response,
): void {
  const headers: http2.OutgoingHttpHeaders = {
    ':method': 'POST',
    ':path': target.path,
    authorization: `Bearer ${token}`,
  };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  let upstream: http2.ClientHttp2Stream;
  try {
    upstream = sessions.get(target.upstream).request(headers);
  } catch {
    unavailable(res, target);
    return;
  }
  upstream.on('response', (answer) => {
    res.status(Number(answer[':status'] ?? 502));
    for (const [name, value] of Object.entries(answer)) {
      if (name.startsWith(':') || HOP_BY_HOP.has(name) || value === undefined) continue;
      res.setHeader(name, value as string | string[]);
    }
    res.flushHeaders();
    upstream.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) unavailable(res, target);
    else res.destroy();
  });
  // The browser went away (a closed stream, a navigation): stop the call at the service too.
  res.on('close', () => {
    if (!upstream.closed) upstream.close(http2.constants.NGHTTP2_CANCEL);
  });
  req.pipe(upstream);
}

function unavailable(res: Response, target: RpcTarget): void {
  res.status(503).json({ code: 'unavailable', message: `${target.upstream}: not reachable` });
}
