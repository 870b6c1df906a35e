#!/usr/bin/env node
// `npm start`: runs metering, rating and invoicing as child processes from their
// TypeScript sources, waits until each answers the gRPC health check, prints where
// they listen, and stops them all on Ctrl-C / SIGTERM or when one of them dies.
//
// Environment (all optional):
//   METERING_PORT, RATING_PORT, INVOICING_PORT   default 50051, 50052, 50053
//   METERING_URL, RATING_URL, INVOICING_URL      default http(s)://127.0.0.1:<port>
//   METERING_METRICS_PORT, RATING_METRICS_PORT,  each service's METRICS_PORT (Prometheus /metrics,
//   INVOICING_METRICS_PORT                       HTTP/1.1), default 9091, 9092, 9093
//   OTEL_EXPORTER_OTLP_ENDPOINT                  set: the services export traces there (OTLP/HTTP)
//   LOG_LEVEL                                    default info; on a terminal the services' JSON
//                                                logs are printed as coloured lines
//   CASCADE_HOST                                 default 127.0.0.1
//   DATABASE_URL                                 PostgreSQL; unset means SQLite files
//   CASCADE_DATA_DIR                             SQLite folder, default ./data
//   CASCADE_START_TIMEOUT_MS                     health wait per service, default 60000
//   CASCADE_ADMIN_TOKEN                          the installation operator's token; unset:
//                                                generated once into <data dir>/admin-token
//   CASCADE_SERVICE_TOKEN                        the services' shared credential; unset:
//                                                generated once into <data dir>/service-token
//   CASCADE_TLS_CERT, CASCADE_TLS_KEY            PEM files: the services serve HTTP/2 over TLS
//                                                (https://), all three with this certificate
//   CASCADE_TLS_CA                               PEM file: mutual TLS (see docs/SECURITY.md);
//                                                also what the health check trusts
//   CASCADE_TLS_SERVICE_NAMES                    client certificate CNs that are services
//   CONSOLE_PORT                                 the web console, default 8080 (built first if needed)
//   CASCADE_CONSOLE=0                            do not start the console
//   BILLING_SCHEDULER                            invoicing's billing scheduler, default on here
//                                                (off when a service starts on its own); with
//                                                BILLING_SCHEDULER_INTERVAL, BILLING_FINALIZE_GRACE
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = process.env.CASCADE_HOST || '127.0.0.1';
const START_TIMEOUT_MS = Number(process.env.CASCADE_START_TIMEOUT_MS || 60_000);
const STOP_TIMEOUT_MS = 15_000;
// The services check the TLS files themselves and refuse to start with a broken setting.
const TLS = Boolean(process.env.CASCADE_TLS_CERT);
const SCHEME = TLS ? 'https' : 'http';

const SERVICES = [
  {
    name: 'metering',
    portVar: 'METERING_PORT',
    urlVar: 'METERING_URL',
    port: 50051,
    metricsVar: 'METERING_METRICS_PORT',
    metricsPort: 9091,
  },
  {
    name: 'rating',
    portVar: 'RATING_PORT',
    urlVar: 'RATING_URL',
    port: 50052,
    metricsVar: 'RATING_METRICS_PORT',
    metricsPort: 9092,
  },
  {
    name: 'invoicing',
    portVar: 'INVOICING_PORT',
    urlVar: 'INVOICING_URL',
    port: 50053,
    metricsVar: 'INVOICING_METRICS_PORT',
    metricsPort: 9093,
  },
];

// The web console: a fourth process, after the services it forwards to.
const CONSOLE = { name: 'console', portVar: 'CONSOLE_PORT', port: 8080 };
const WITH_CONSOLE = process.env.CASCADE_CONSOLE !== '0';
const CHILDREN = WITH_CONSOLE ? [...SERVICES, CONSOLE] : SERVICES;

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const COLORS = { metering: 36, rating: 35, invoicing: 33, console: 34, start: 32 };
const WIDTH = Math.max(...SERVICES.map((s) => s.name.length));

function tag(name) {
  const label = `[${name}]`.padEnd(WIDTH + 2);
  return useColor ? `\x1b[${COLORS[name] ?? 0}m${label}\x1b[0m` : label;
}

// A closed pipe (`npm start | head`) must not stop the shutdown from running.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

function say(message) {
  process.stdout.write(`${tag('start')} ${message}\n`);
}

function fail(message) {
  process.stderr.write(`${tag('start')} ${message}\n`);
}

// ---- configuration --------------------------------------------------------

function portOf(variable, fallback) {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}: not a port number: ${raw}`);
  }
  return port;
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/**
 * A credential from the environment, or from its file in the data directory,
 * or a new one written there (mode 0600). Returns the token and whether it is new.
 */
function credential(variable, file) {
  if (process.env[variable]) return { token: process.env[variable], created: false };
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) return { token, created: false };
    throw new Error(`${file}: holds no usable token (delete it to generate a new one)`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { token, created: true };
}

function configure() {
  for (const s of SERVICES) {
    s.port = portOf(s.portVar, s.port);
    s.metricsPort = portOf(s.metricsVar, s.metricsPort);
    s.metricsUrl = `http://${HOST}:${s.metricsPort}/metrics`;
    s.entry = path.join('apps', s.name, 'src', 'main.ts');
    s.url = `${SCHEME}://${HOST}:${s.port}`;
  }
  CONSOLE.port = portOf(CONSOLE.portVar, CONSOLE.port);
  CONSOLE.entry = path.join('apps', 'console', 'src', 'main.ts');
  CONSOLE.url = `http://${HOST}:${CONSOLE.port}`;
  const missing = SERVICES.filter((s) => !existsSync(path.join(ROOT, s.entry)));
  if (missing.length > 0) {
    throw new Error(
      `cannot start: ${missing.map((s) => s.entry).join(', ')} ` +
        `${missing.length === 1 ? 'does' : 'do'} not exist yet (the service has no entry point)`,
    );
  }
  const env = { ...process.env, CASCADE_HOST: HOST };
  if (!useColor) env.NO_COLOR = '1';
  // JSON lines for a pipe or a file; readable lines for a person at a terminal.
  if (process.stdout.isTTY && !process.env.CASCADE_LOG_FORMAT) env.CASCADE_LOG_FORMAT = 'pretty';
  for (const s of SERVICES) {
    env[s.portVar] = String(s.port);
    env[s.urlVar] = process.env[s.urlVar] || s.url;
  }
  env.CONSOLE_PORT = String(CONSOLE.port);
  // A local installation bills each month when it ends; only invoicing reads this.
  env.BILLING_SCHEDULER = process.env.BILLING_SCHEDULER || 'on';
  const dataDir = path.resolve(process.env.CASCADE_DATA_DIR || path.join(ROOT, 'data'));
  const admin = credential('CASCADE_ADMIN_TOKEN', path.join(dataDir, 'admin-token'));
  const service = credential('CASCADE_SERVICE_TOKEN', path.join(dataDir, 'service-token'));
  env.CASCADE_ADMIN_TOKEN = admin.token;
  env.CASCADE_SERVICE_TOKEN = service.token;
  let database;
  if (process.env.DATABASE_URL) {
    database = `PostgreSQL ${redact(process.env.DATABASE_URL)}`;
  } else {
    env.CASCADE_DATA_DIR = path.resolve(process.env.CASCADE_DATA_DIR || path.join(ROOT, 'data'));
    database = `SQLite files in ${env.CASCADE_DATA_DIR}`;
  }
  const adminTokenNote = process.env.CASCADE_ADMIN_TOKEN
    ? 'admin token: CASCADE_ADMIN_TOKEN from the environment'
    : admin.created
      ? `admin token (shown once, kept in ${path.join(dataDir, 'admin-token')}): ${admin.token}`
      : `admin token: in ${path.join(dataDir, 'admin-token')}`;
  const tokenShell = process.env.CASCADE_ADMIN_TOKEN
    ? '$CASCADE_ADMIN_TOKEN'
    : `$(cat ${path.join(dataDir, 'admin-token')})`;
  return { env, database, adminTokenNote, tokenShell, healthTls: healthTls() };
}

/** What the health check trusts: CASCADE_TLS_CA, or the system's trust store without it. */
function healthTls() {
  const ca = process.env.CASCADE_TLS_CA;
  if (!TLS || !ca) return {};
  try {
    return { ca: readFileSync(ca) };
  } catch (error) {
    throw new Error(`CASCADE_TLS_CA: cannot read ${ca}: ${error.message}`);
  }
}

/** A port another process already listens on would make the health check lie. */
function assertPortFree(variable, port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error) =>
      reject(
        new Error(
          `${variable}=${port}: port is not free (${error.code ?? error.message}); ` +
            `stop what listens there or set ${variable}`,
        ),
      ),
    );
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

// ---- health -----------------------------------------------------------------

/** One grpc.health.v1.Health/Check as a Connect JSON call over HTTP/2 (cleartext or TLS). */
function healthCheck(url, tls, timeoutMs = 2000) {
  return new Promise((resolve) => {
    let settled = false;
    const session = http2.connect(url, tls);
    const done = (ok) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    session.on('error', () => done(false));
    const req = session.request({
      ':method': 'POST',
      ':path': '/grpc.health.v1.Health/Check',
      'content-type': 'application/json',
    });
    let body = '';
    let status = 0;
    req.setEncoding('utf8');
    req.on('response', (headers) => (status = Number(headers[':status'])));
    req.on('data', (chunk) => (body += chunk));
    req.on('error', () => done(false));
    req.on('end', () => {
      try {
        done(status === 200 && JSON.parse(body).status === 'SERVING');
      } catch {
        done(false);
      }
    });
    req.end('{}');
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- console ----------------------------------------------------------------

function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** vite build of the SPA when there is none, or its sources changed since (a few seconds). */
function buildConsole() {
  const index = path.join(ROOT, 'dist', 'console', 'index.html');
  const web = path.join(ROOT, 'apps', 'console', 'web');
  if (existsSync(index) && statSync(index).mtimeMs >= newestChange(web)) return;
  say('building the console (vite build)...');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/console/vite.config.mts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('the console did not build (vite build failed)');
}

/** The console answers GET /session (401 when signed out) once it listens. */
async function waitConsole() {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (CONSOLE.exited) throw new Error('console exited before it listened');
    try {
      const response = await fetch(`${CONSOLE.url}/session`);
      if (response.status === 401) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`console did not answer at ${CONSOLE.url} within ${START_TIMEOUT_MS} ms`);
}

async function waitHealthy(service, tls) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (service.exited) throw new Error(`${service.name} exited before it became healthy`);
    if (await healthCheck(service.url, tls)) return;
    await sleep(200);
  }
  throw new Error(
    `${service.name} did not answer the health check at ${service.url} within ${START_TIMEOUT_MS} ms`,
  );
}

// ---- children ------------------------------------------------------------------

let stopping = false;

function pipeLines(stream, name, out) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => out.write(`${tag(name)} ${line}\n`));
}

function launch(service, env) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', service.entry], {
    cwd: ROOT,
    env: { ...env, METRICS_PORT: String(service.metricsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C reaches only this script, which then stops the
    // children one clean SIGTERM each.
    detached: true,
  });
  service.child = child;
  service.exited = false;
  service.exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      service.exited = true;
      resolve({ code, signal });
      if (!stopping) {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        fail(`${service.name} exited unexpectedly (${how}); stopping the others`);
        void shutdown(1);
      }
    });
  });
  child.once('error', (error) => {
    fail(`${service.name} could not be started: ${error.message}`);
    service.exited = true;
    if (!stopping) void shutdown(1);
  });
  pipeLines(child.stdout, service.name, process.stdout);
  pipeLines(child.stderr, service.name, process.stderr);
}

async function stopOne(service) {
  if (!service.child || service.exited) return;
  service.child.kill('SIGTERM');
  const killed = await Promise.race([
    service.exit.then(() => false),
    sleep(STOP_TIMEOUT_MS).then(() => true),
  ]);
  if (killed) {
    fail(`${service.name} did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
    service.child.kill('SIGKILL');
    await service.exit;
  }
}

let shuttingDown;
function shutdown(code) {
  if (shuttingDown) return shuttingDown;
  stopping = true;
  shuttingDown = (async () => {
    const running = CHILDREN.filter((s) => s.child && !s.exited);
    if (running.length > 0) say(`stopping ${running.map((s) => s.name).join(', ')}...`);
    // Reverse start order: callers go before the services they call.
    for (const s of [...CHILDREN].reverse()) await stopOne(s);
    say(code === 0 ? 'stopped' : `stopped (exit ${code})`);
    process.exit(code);
  })();
  return shuttingDown;
}

// A last resort if this script dies some other way: do not leave orphans behind.
process.on('exit', () => {
  for (const s of CHILDREN) if (s.child && !s.exited) s.child.kill('SIGKILL');
});

let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts > 1 && signal === 'SIGINT') {
      fail('second Ctrl-C: killing the services');
      for (const s of CHILDREN) if (s.child && !s.exited) s.child.kill('SIGKILL');
      return;
    }
    say(`${signal} received`);
    void shutdown(0);
  });
}

function transportName() {
  if (!TLS) return 'HTTP/2 cleartext';
  return process.env.CASCADE_TLS_CA ? 'HTTP/2 over mutual TLS' : 'HTTP/2 over TLS';
}

function curlTransport() {
  if (!TLS) return '--http2-prior-knowledge';
  return process.env.CASCADE_TLS_CA ? `--http2 --cacert ${process.env.CASCADE_TLS_CA}` : '--http2';
}

function printTable(database, tokenShell) {
  const rows = [
    ['service', 'address', 'health', 'metrics'],
    ...SERVICES.map((s) => [s.name, s.url, 'SERVING', s.metricsUrl]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `  ${r.map((c, i) => c.padEnd(widths[i])).join('   ')}`.trimEnd();
  const rule = `  ${widths.map((w) => '-'.repeat(w)).join('   ')}`;
  const metering = SERVICES[0].url;
  process.stdout.write(
    [
      '',
      `Cascade is running (gRPC, gRPC-Web and Connect on ${transportName()}):`,
      '',
      line(rows[0]),
      rule,
      ...rows.slice(1).map(line),
      '',
      `  database: ${database}`,
      `  traces: ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? `OTLP to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}` : 'off (set OTEL_EXPORTER_OTLP_ENDPOINT)'}`,
      '',
      `  try: curl ${curlTransport()} -H 'content-type: application/json' -d '{}' \\`,
      `         -H "authorization: Bearer ${tokenShell}" \\`,
      `         ${metering}/cascade.metering.v1.MeterService/ListMeters`,
      '',
      ...(WITH_CONSOLE
        ? [
            `  console: ${CONSOLE.url}`,
            `           sign in with the admin token (${tokenShell}),`,
            "           or with an API key: npm run demo prints a reseller's and a customer's",
            '',
          ]
        : []),
      'Press Ctrl-C to stop.',
      '',
      '',
    ].join('\n'),
  );
}

async function main() {
  let config;
  try {
    config = configure();
    for (const s of SERVICES) {
      await assertPortFree(s.portVar, s.port);
      await assertPortFree(s.metricsVar, s.metricsPort);
    }
    if (WITH_CONSOLE) {
      await assertPortFree(CONSOLE.portVar, CONSOLE.port);
      buildConsole();
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  say(`database: ${config.database}`);
  say(config.adminTokenNote);
  try {
    // Metering first: rating calls it; then rating, which invoicing calls.
    for (const s of SERVICES) {
      say(`starting ${s.name} on ${s.url}`);
      launch(s, config.env);
      await waitHealthy(s, config.healthTls);
      say(`${s.name} is healthy`);
      if (stopping) return;
    }
    if (WITH_CONSOLE) {
      say(`starting the console on ${CONSOLE.url}`);
      launch(CONSOLE, config.env);
      await waitConsole();
      say('console is listening');
    }
  } catch (error) {
    if (stopping) return;
    fail(error instanceof Error ? error.message : String(error));
    await shutdown(1);
    return;
  }
  if (!stopping) printTable(config.database, config.tokenShell);
}

void main();
