import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { Health, HealthCheckResponse_ServingStatus } from '@cascade/contracts';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * The real metering service as a child process on its own port and SQLite
 * directory. stop() and start() keep both, so a test can take metering down
 * in the middle of a burst and bring the same service back.
 */
export class MeteringProcess {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async launch(): Promise<MeteringProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-metering-'));
    const metering = new MeteringProcess(await freePort(), dataDir);
    await metering.start();
    return metering;
  }

  /** Starts the process and resolves once grpc.health.v1 answers SERVING. */
  async start(): Promise<void> {
    if (this.child) return;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      METERING_PORT: String(this.port),
      CASCADE_DATA_DIR: this.dataDir,
    };
    delete env.DATABASE_URL;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/metering/src/main.ts'],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    let exited = false;
    child.once('exit', () => (exited = true));
    await waitFor(
      `metering on port ${this.port} to serve`,
      async () => {
        if (exited) throw new Error(`metering exited during start:\n${this.output.slice(-2000)}`);
        return (await this.healthy()) || undefined;
      },
      { timeoutMs: 30_000, everyMs: 50 },
    ).catch((error: unknown) => {
      child.kill('SIGKILL');
      this.child = undefined;
      throw error;
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async healthy(): Promise<boolean> {
    const session = new Http2SessionManager(this.url);
    try {
      const health = createClient(
        Health,
        createGrpcTransport({ baseUrl: this.url, sessionManager: session, defaultTimeoutMs: 1000 }),
      );
      const reply = await health.check({});
      return reply.status === HealthCheckResponse_ServingStatus.SERVING;
    } catch {
      return false;
    } finally {
      session.abort();
    }
  }
}
