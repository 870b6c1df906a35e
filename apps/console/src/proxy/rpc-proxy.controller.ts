import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ConsoleConfig } from '../config';
import { CONSOLE_CONFIG } from '../console-tokens';
import { CSRF_HEADER, sessionIdOf } from '../sessions/cookies';
import { csrfMatches, originAllowed } from '../sessions/request-guard';
import { SessionStore } from '../sessions/session-store';
import { forwardCall } from './forward';
import { rpcTarget } from './route-target';
import { UpstreamSessions } from './upstream-sessions';

/** Connect error bodies, as a Connect client reads them (code names in snake case). */
function connectError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ code, message });
}

/**
 * Same-origin Connect endpoint of the SPA: /api/<package>.<Service>/<Method>,
 * forwarded to the service owning the package with the session's key.
 */
@Controller('api')
export class RpcProxyController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly store: SessionStore,
    private readonly upstreams: UpstreamSessions,
  ) {}

  @All('*path')
  forward(@Req() req: Request, @Res() res: Response) {
    const target = rpcTarget(req.path.startsWith('/api') ? req.path : `/api${req.path}`);
    if (req.method !== 'POST' || !target) {
      return connectError(res, 404, 'unimplemented', `${req.path}: no such RPC`);
    }
    if (!originAllowed(req.headers.origin, req.headers.host, this.config.extraOrigins)) {
      return connectError(res, 403, 'permission_denied', 'origin: not this console');
    }
    const session = this.store.use(sessionIdOf(req));
    if (!session) {
      return connectError(res, 401, 'unauthenticated', 'session: signed out or expired');
    }
    if (!csrfMatches(req.headers[CSRF_HEADER], session.csrfToken)) {
      return connectError(res, 403, 'permission_denied', `${CSRF_HEADER}: missing or wrong`);
    }
    forwardCall(this.upstreams, target, session.token, req, res);
  }
}
