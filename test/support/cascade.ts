import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { isServing } from './connect-json';
import { freePorts } from './ports';
import type { CascadeTls } from './tls';
import {
  dropSchemas,
  PORT_VARIABLES,
  TEST_DATABASE_URL,
  URL_VARIABLES,
} from '@cascade/platform/testing';
import { E2E_ADMIN_TOKEN, E2E_SERVICE_TOKEN } from './tokens';

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';

export type ServiceName = 'metering' | 'rating' | 'invoicing';
/** Start order: each service's peers come before it. */
export const SERVICE_NAMES: readonly ServiceName[] = ['metering', 'rating', 'invoicing'];
export type CascadeUrls = Record<ServiceName, string>;
export type DatabaseKind = 'sqlite' | 'postgres';

export interface StartCascadeOptions {
  database: DatabaseKind;
  /** Which services to run, started in SERVICE_NAMES order; default all three. */
  services?: readonly ServiceName[];
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** How long each service may take to answer the health check; default 60 s. */
  startTimeoutMs?: number;
  /** Echo the services' output to stderr as it comes; default CASCADE_E2E_LOGS=1. */
  showLogs?: boolean;
  /** PostgreSQL: another server than TEST_DATABASE_URL (a private cluster, for fault tests). */
  databaseUrl?: string;
  /** Serve and call over mutual TLS with these certificates (serviceCertificates(dir) makes them). */
  tls?: CascadeTls;
}

export interface Cascade {
  /** Base URLs (http://127.0.0.1:<port>, https:// with tls) of all three services, running or not. */
  urls: CascadeUrls;
  /** Each service's Prometheus endpoint (HTTP/1.1, its own METRICS_PORT): http://127.0.0.1:<port>/metrics. */
  metricsUrls: CascadeUrls;
  /** The certificates the services were given, if any. */
  tls?: CascadeTls;
  database: DatabaseKind;
  /** SQLite: the fresh folder holding the services' files (removed by stop()). */
  dataDir?: string;
  /** PostgreSQL: the URL and schema prefix the services were given. */
  databaseUrl?: string;
  schemaPrefix?: string;
  /** PostgreSQL: the schemas stop() drops. */
  schemas: string[];
  /** CASCADE_ADMIN_TOKEN and CASCADE_SERVICE_TOKEN the services were given. */
  adminToken: string;
  serviceToken: string;
  /** Everything a service printed so far, its JSON log lines rendered as "level [context] message". */
  logs(service: ServiceName): string;
  /** The JSON log lines a service printed so far, parsed (lines that are not JSON are left out). */
  logRecords(service: ServiceName): LogRecord[];
  /** SIGTERM every service, await their exit, then drop the schemas or the data folder. */
  stop(): Promise<void>;
  /** SIGKILL one service, as a crash would end it (no shutdown of any kind), and await its exit. */
  kill(service: ServiceName): Promise<void>;
  /** Starts a killed service again: same port, environment and data; resolves once it is healthy. */
  restart(service: ServiceName): Promise<void>;
}

/** One line of a service's JSON log. */
export type LogRecord = Record<string, unknown> & { level: string; msg?: string };

function parseLine(line: string): LogRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as LogRecord;
  } catch {
    return undefined;
  }
}

/** A JSON log line as text a person (or a test reading messages) would read. */
function rendered(line: string): string {
  const record = parseLine(line);
  if (!record) return line;
  const context = typeof record.context === 'string' ? `[${record.context}] ` : '';
  return `${record.level.toUpperCase()} ${context}${record.msg ?? ''}`;
}

interface Running {
  name: ServiceName;
  child: ChildProcess;
  exited: boolean;
  exit: Promise<void>;
  output: string[];
}

const STOP_TIMEOUT_MS = 15_000;
const MAX_LOG_LINES = 2_000;
let started = 0;

// If the test process goes away without stop(), leave no service behind.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function launch(name: ServiceName, env: NodeJS.ProcessEnv, showLogs: boolean): Running {
  const entry = path.join('apps', name, 'src', 'main.ts');
  if (!existsSync(path.join(ROOT, entry))) {
    throw new Error(`cannot start ${name}: ${entry} does not exist`);
  }
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', '-r', path.join(__dirname, 'exit-with-parent.ts'), entry],
    { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  live.add(child);
  // A cascade someone forgot to stop() must not keep jest from exiting; the exit
  // hook above and exit-with-parent.ts then end it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as Socket | null)?.unref?.();
  }
  const running: Running = { name, child, exited: false, exit: Promise.resolve(), output: [] };
  running.exit = new Promise<void>((resolve) => {
    const done = () => {
      running.exited = true;
      live.delete(child);
      resolve();
    };
    child.once('exit', done);
    child.once('error', (error) => {
      running.output.push(`[harness] spawn failed: ${error.message}`);
      done();
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      running.output.push(line);
      if (running.output.length > MAX_LOG_LINES) running.output.shift();
      if (showLogs) process.stderr.write(`[${name}] ${line}\n`);
    });
  }
  return running;
}

async function waitServing(
  service: Running,
  url: string,
  timeoutMs: number,
  tls: CascadeTls | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!service.exited) {
    if (await isServing(url, 1_000, tls && { ca: tls.ca })) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `${service.name} did not answer the health check at ${url} within ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { exitCode, signalCode } = service.child;
  throw new Error(
    `${service.name} exited (${signalCode ?? `code ${exitCode}`}) before it was healthy`,
  );
}

async function terminate(service: Running): Promise<void> {
  if (service.exited) return;
  service.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    service.exit.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    service.child.kill('SIGKILL');
    await service.exit;
  }
}

function tail(service: Running, lines = 60): string {
  return service.output.slice(-lines).join('\n');
}

/**
 * Runs Cascade's services as separate processes (`node -r @swc-node/register
 * apps/<name>/src/main.ts`) on free ports, against a fresh SQLite folder or
 * fresh PostgreSQL schemas, and resolves once each answers the gRPC health check.
 */
export async function startCascade(options: StartCascadeOptions): Promise<Cascade> {
  const wanted = options.services ?? SERVICE_NAMES;
  const names = SERVICE_NAMES.filter((n) => wanted.includes(n));
  const showLogs = options.showLogs ?? process.env.CASCADE_E2E_LOGS === '1';
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const ports = await freePorts(SERVICE_NAMES.length * 2, HOST);
  const metricsPorts = ports.slice(SERVICE_NAMES.length);
  const tls = options.tls;
  const scheme = tls ? 'https' : 'http';
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((n, i) => [n, `${scheme}://${HOST}:${ports[i]}`]),
  ) as CascadeUrls;
  const metricsUrls = Object.fromEntries(
    SERVICE_NAMES.map((n, i) => [n, `http://${HOST}:${metricsPorts[i]}/metrics`]),
  ) as CascadeUrls;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CASCADE_HOST: HOST,
    NO_COLOR: '1',
    CASCADE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    CASCADE_SERVICE_TOKEN: E2E_SERVICE_TOKEN,
  };
  delete env.DATABASE_URL;
  delete env.CASCADE_DB_SCHEMA_PREFIX;
  delete env.CASCADE_DATA_DIR;
  SERVICE_NAMES.forEach((n, i) => {
    env[PORT_VARIABLES[n]] = String(ports[i]);
    env[URL_VARIABLES[n]] = urls[n];
  });

  started += 1;
  const running: Running[] = [];
  let stopping: Promise<void> | undefined;
  // Each service gets its own certificate; everything else is the same for all.
  const envOf = (name: ServiceName): NodeJS.ProcessEnv => {
    const own = { ...env, METRICS_PORT: String(metricsPorts[SERVICE_NAMES.indexOf(name)]) };
    return tls
      ? {
          ...own,
          CASCADE_TLS_CA: tls.ca,
          CASCADE_TLS_CERT: tls.certificates[name].cert,
          CASCADE_TLS_KEY: tls.certificates[name].key,
        }
      : own;
  };
  const outputOf = (name: ServiceName) => running.find((r) => r.name === name)?.output ?? [];
  const cascade: Cascade = {
    urls,
    metricsUrls,
    tls,
    database: options.database,
    schemas: [],
    adminToken: '',
    serviceToken: '',
    logs: (name) => outputOf(name).map(rendered).join('\n'),
    logRecords: (name) =>
      outputOf(name).flatMap((line) => {
        const record = parseLine(line);
        return record ? [record] : [];
      }),
    stop: () => (stopping ??= stop()),
    kill: async (name) => {
      const service = running.find((r) => r.name === name);
      if (!service || service.exited) throw new Error(`${name} is not running`);
      service.child.kill('SIGKILL');
      await service.exit;
    },
    restart: async (name) => {
      const at = running.findIndex((r) => r.name === name);
      if (at < 0 || !running[at].exited) throw new Error(`${name} was not stopped`);
      const service = launch(name, envOf(name), showLogs);
      running[at] = service;
      await waitServing(service, urls[name], timeoutMs, tls);
    },
  };
  if (options.database === 'postgres') {
    cascade.databaseUrl = options.databaseUrl ?? TEST_DATABASE_URL;
    cascade.schemaPrefix = `e2e_${process.pid}_${started}_`;
    cascade.schemas = SERVICE_NAMES.map((n) => `${cascade.schemaPrefix}${n}`);
    env.DATABASE_URL = cascade.databaseUrl;
    env.CASCADE_DB_SCHEMA_PREFIX = cascade.schemaPrefix;
    // A schema left by an earlier process with the same pid would not be fresh.
    await dropSchemas(cascade.schemas, cascade.databaseUrl);
  } else {
    cascade.dataDir = mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-'));
    env.CASCADE_DATA_DIR = cascade.dataDir;
  }
  Object.assign(env, options.env);
  cascade.adminToken = env.CASCADE_ADMIN_TOKEN ?? '';
  cascade.serviceToken = env.CASCADE_SERVICE_TOKEN ?? '';

  async function stop(): Promise<void> {
    // Callers before the services they call.
    for (const service of [...running].reverse()) await terminate(service);
    if (cascade.schemas.length > 0) await dropSchemas(cascade.schemas, cascade.databaseUrl);
    if (cascade.dataDir) rmSync(cascade.dataDir, { recursive: true, force: true });
  }

  for (const name of names) {
    try {
      const service = launch(name, envOf(name), showLogs);
      running.push(service);
      await waitServing(service, urls[name], timeoutMs, tls);
    } catch (error) {
      const service = running.find((r) => r.name === name);
      await cascade.stop().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        service ? `${message}\n--- last output of ${name} ---\n${tail(service)}` : message,
      );
    }
  }
  return cascade;
}
