/** Shared pieces of the benchmarks: real service processes, timing and tables. */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { bearerAuth, newSecret } from '@cascade/platform';
import { HealthService } from './health';

/** The credentials the benchmark's services are started with; the benchmark calls as the operator. */
export const BENCH_ADMIN_TOKEN = newSecret();
export const BENCH_SERVICE_TOKEN = newSecret();
export const benchAuth = bearerAuth(BENCH_ADMIN_TOKEN);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export type BenchDatabase =
  { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string; prefix: string };

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function databaseEnv(db: BenchDatabase): Record<string, string> {
  return db.kind === 'sqlite'
    ? { CASCADE_DATA_DIR: db.dir }
    : { DATABASE_URL: db.url, CASCADE_DB_SCHEMA_PREFIX: db.prefix };
}

export function sqliteDatabase(): BenchDatabase {
  return { kind: 'sqlite', dir: fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-')) };
}

export function postgresDatabase(): BenchDatabase {
  return {
    kind: 'postgres',
    url: BENCH_DATABASE_URL,
    prefix: `bench_${process.pid}_`,
  };
}

/** Starts one service from source as its own process and waits for its health check. */
export async function startService(
  name: string,
  env: Record<string, string>,
): Promise<RunningService> {
  const port = await freePort();
  const portVariable = `${name.toUpperCase()}_PORT`;
  const flags = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...flags, '-r', '@swc-node/register', `apps/${name}/src/main.ts`],
    {
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        CASCADE_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
        CASCADE_SERVICE_TOKEN: BENCH_SERVICE_TOKEN,
        ...env,
        [portVariable]: String(port),
        METRICS_PORT: '0',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await new HealthService(url).waitServing(60_000);
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident set of a process, from the kernel's high-water mark. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export function currentRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`,
  );
  for (const r of cells.slice(1)) console.log(line(r));
}

/**
 * Seconds until metering's folder has emptied the pending rollups, polled
 * every 50 ms; then, for reads timed afterwards, until its quiet-sweep vacuum
 * has given the backlog's pages back (at most 10 s more; said if not).
 */
export async function pendingDrained(url: string, schema: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const table = `"${schema}".usage_pending_rollup`;
  const value = async (sql: string) => Number((await client.query(sql)).rows[0].n);
  const poll = () => new Promise((resolve) => setTimeout(resolve, 50));
  while ((await value(`select count(*) as n from ${table}`)) > 0) await poll();
  const drained = (performance.now() - started) / 1000;
  const size = () => value(`select pg_relation_size('${table}') as n`);
  const deadline = performance.now() + 10_000;
  while ((await size()) > 1 << 20 && performance.now() < deadline) await poll();
  const left = await size();
  if (left > 1 << 20) console.log(`${schema}: pending rollups still take ${left} bytes`);
  await client.end();
  return drained;
}
