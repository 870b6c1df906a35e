import * as path from 'node:path';
import { peerUrl } from '@cascade/platform';

/** Where the console server listens, what it forwards to and how long sessions live. */
export interface ConsoleConfig {
  host: string;
  port: number;
  /** The built SPA (vite build output). */
  assetsDir: string;
  upstreams: Record<'metering' | 'rating' | 'invoicing', string>;
  /** The operator's token, recognised at sign-in; unset: only API keys sign in. */
  adminToken: string | undefined;
  /** What the console presents to metering's Authenticate. */
  serviceToken: string;
  idleMs: number;
  absoluteMs: number;
  /** Origins allowed besides the console's own (http(s)://<Host>), comma-separated. */
  extraOrigins: string[];
  /** Mark the session cookie Secure (the console is served over https by a proxy). */
  secureCookie: boolean;
}

export const CONSOLE_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_ASSETS_DIR = path.resolve(CONSOLE_ROOT, '..', '..', 'dist', 'console');

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`${name}: not a positive integer: ${raw}`);
  return value;
}

export function readConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const serviceToken = env.CASCADE_SERVICE_TOKEN ?? '';
  if (serviceToken.length < 32) {
    throw new Error(
      'CASCADE_SERVICE_TOKEN: required (at least 32 characters) to check keys at sign-in',
    );
  }
  const port = positiveInt(env, 'CONSOLE_PORT', 8080);
  if (port > 65535) throw new RangeError(`CONSOLE_PORT: not a port number: ${port}`);
  return {
    host: env.CONSOLE_HOST || env.CASCADE_HOST || '127.0.0.1',
    port,
    assetsDir: path.resolve(env.CONSOLE_ASSETS_DIR || DEFAULT_ASSETS_DIR),
    upstreams: {
      metering: peerUrl('metering', env),
      rating: peerUrl('rating', env),
      invoicing: peerUrl('invoicing', env),
    },
    adminToken: env.CASCADE_ADMIN_TOKEN || undefined,
    serviceToken,
    idleMs: positiveInt(env, 'CONSOLE_SESSION_IDLE_MS', 30 * 60_000),
    absoluteMs: positiveInt(env, 'CONSOLE_SESSION_MAX_MS', 12 * 60 * 60_000),
    extraOrigins: (env.CONSOLE_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookie: env.CONSOLE_COOKIE_SECURE === '1',
  };
}
