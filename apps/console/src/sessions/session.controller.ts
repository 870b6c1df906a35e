import { Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ConsoleConfig } from '../config';
import { CONSOLE_CONFIG } from '../console-tokens';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './cookies';
import { KeyCheck, SignInRefused } from './key-check';
import { originAllowed } from './request-guard';
import { SessionStore } from './session-store';

/**
 * Sign-in, who is signed in, sign-out. The key travels once, in the sign-in
 * body; the browser keeps only an HttpOnly cookie and, in memory, the CSRF token.
 */
@Controller('session')
export class SessionController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly store: SessionStore,
    private readonly keys: KeyCheck,
  ) {}

  @Post()
  async signIn(@Req() req: Request, @Res() res: Response) {
    if (!this.sameOrigin(req)) return refuse(res, 403, 'origin: not this console');
    const key = (req.body as { key?: unknown } | undefined)?.key;
    if (typeof key !== 'string' || key.trim() === '') {
      return refuse(res, 400, 'key: required (the operator token or an API key)');
    }
    try {
      const principal = await this.keys.resolve(key.trim());
      const session = this.store.create(key.trim(), principal);
      setSessionCookie(res, session.id, this.config.secureCookie, this.config.absoluteMs);
      res.status(201).json({ principal, csrfToken: session.csrfToken });
    } catch (error) {
      if (error instanceof SignInRefused) return refuse(res, 401, error.message);
      return refuse(res, 503, 'metering: could not check the key, try again');
    }
  }

  @Get()
  current(@Req() req: Request, @Res() res: Response) {
    const session = this.store.use(sessionIdOf(req));
    res.setHeader('cache-control', 'no-store');
    if (!session) return refuse(res, 401, 'session: signed out or expired');
    res.json({ principal: session.principal, csrfToken: session.csrfToken });
  }

  @Delete()
  @HttpCode(204)
  signOut(@Req() req: Request, @Res() res: Response) {
    if (!this.sameOrigin(req)) return refuse(res, 403, 'origin: not this console');
    this.store.end(sessionIdOf(req));
    clearSessionCookie(res, this.config.secureCookie);
    res.status(204).end();
  }

  private sameOrigin(req: Request): boolean {
    return originAllowed(req.headers.origin, req.headers.host, this.config.extraOrigins);
  }
}

function refuse(res: Response, status: number, message: string) {
  res.status(status).json({ message });
}
