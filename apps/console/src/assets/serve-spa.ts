import { existsSync } from 'node:fs';
import * as path from 'node:path';
import express, { type Express } from 'express';

/**
 * The built SPA: files as they are (hashed names cached for good), and
 * index.html for every other GET so that a route's URL opens the app there.
 */
export function serveSpa(app: Express, assetsDir: string): void {
  const index = path.join(assetsDir, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `${index}: the console is not built (npx vite build --config apps/console/vite.config.mts)`,
    );
  }
  app.use(
    '/assets',
    express.static(path.join(assetsDir, 'assets'), { immutable: true, maxAge: '1y' }),
  );
  app.use(express.static(assetsDir, { index: false }));
  app.get(/^\/(?!api\/|session$).*/, (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
