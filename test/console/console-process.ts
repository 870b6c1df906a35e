import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Cascade } from '../support/cascade';
import { freePorts } from '../support/ports';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'apps', 'console', 'web');
const BUILT = path.join(ROOT, 'dist', 'console', 'index.html');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the SPA (vite build) when there is no build or the sources changed after it. */
export function ensureConsoleBuilt(): void {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestChange(WEB)) return;
  const built = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.mts',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

export interface ConsoleServer {
  url: string;
  output: string[];
  stop(): Promise<void>;
}

/** Runs the console server (apps/console/src/main.ts) against a running cascade, on a free port. */
export async function startConsole(
  cascade: Cascade,
  env: Record<string, string> = {},
): Promise<ConsoleServer> {
  ensureConsoleBuilt();
  const [port] = await freePorts(1);
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join('apps', 'console', 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CONSOLE_PORT: String(port),
        CONSOLE_HOST: '127.0.0.1',
        METERING_URL: cascade.urls.metering,
        RATING_URL: cascade.urls.rating,
        INVOICING_URL: cascade.urls.invoicing,
        CASCADE_ADMIN_TOKEN: cascade.adminToken,
        CASCADE_SERVICE_TOKEN: cascade.serviceToken,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        output.push(line);
        if (line.startsWith('console listening on')) resolve();
      });
    }
    void exited.then(() => reject(new Error(`console exited:\n${output.join('\n')}`)));
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
