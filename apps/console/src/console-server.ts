import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { serveSpa } from './assets/serve-spa';
import type { ConsoleConfig } from './config';
import { ConsoleModule } from './console.module';
import { UpstreamSessions } from './proxy/upstream-sessions';

/** Security headers of every answer: no framing, no sniffing, only this origin's scripts. */
function securityHeaders(_req: express.Request, res: express.Response, next: express.NextFunction) {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader(
    'content-security-policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  );
  next();
}

/** Builds and starts the console server; resolves with the app once it listens. */
export async function startConsoleServer(config: ConsoleConfig): Promise<NestExpressApplication> {
  // No global body parser: forwarded calls stream their bodies to the services untouched.
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forConfig(config), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use('/session', express.json({ limit: '4kb' }));
  // Before init: Nest registers its not-found handler there, after its routes.
  serveSpa(app.getHttpAdapter().getInstance() as express.Express, config.assetsDir);
  await app.init();
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const close = app.close.bind(app);
  app.close = async () => {
    app.get(UpstreamSessions).close();
    await close();
  };
  return app;
}
