import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { Health, HealthCheckResponse_ServingStatus } from '@cascade/contracts';
import { freePort } from './free-port';
import { TEST_ADMIN_TOKEN, TEST_SERVICE_TOKEN } from './tokens';
import { waitFor } from './wait-for';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export type CascadeService = 'metering' | 'rating' | 'invoicing';

const PORT_VARIABLE: Record<CascadeService, string> = {
  metering: 'METERING_PORT',
  rating: 'RATING_PORT',
  invoicing: 'INVOICING_PORT',
};

/**
 * A real Cascade service as a child process on its own port and SQLite
 * directory. stop() and start() keep both, so a test can take metering down
 * in the middle of a burst and bring the same service back. With
 * CASCADE_TLS_CERT (and _KEY, _CA) in its env it serves https://, checked
 * trusting CASCADE_TLS_CA.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly service: CascadeService,
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `${this.env.CASCADE_TLS_CERT ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** Port and directory chosen, not started: lets peers learn the URL and start together. */
  static async create(
    service: CascadeService,
    env: Record<string, string> = {},
  ): Promise<ServiceProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cascade-${service}-`));
    return new ServiceProcess(service, await freePort(), dataDir, env);
  }

  /** `env` names its peers: METERING_URL, RATING_URL. */
  static async launch(
    service: CascadeService,
    env: Record<string, string> = {},
  ): Promise<ServiceProcess> {
    const created = await ServiceProcess.create(service, env);
    await created.start();
    return created;
  }

  /** Starts the process and resolves once grpc.health.v1 answers SERVING. */
  async start(): Promise<void> {
    if (this.child) return;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CASCADE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      CASCADE_SERVICE_TOKEN: TEST_SERVICE_TOKEN,
      ...this.env,
      [PORT_VARIABLE[this.service]]: String(this.port),
      // Any free port: test processes must not meet on the default metrics ports.
      METRICS_PORT: '0',
      CASCADE_DATA_DIR: this.dataDir,
    };
    delete env.DATABASE_URL;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', `apps/${this.service}/src/main.ts`],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    let exited = false;
    child.once('exit', () => (exited = true));
    await waitFor(
      `${this.service} on port ${this.port} to serve`,
      async () => {
        if (exited)
          throw new Error(`${this.service} exited during start:\n${this.output.slice(-2000)}`);
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
    const ca = this.env.CASCADE_TLS_CA;
    const session = new Http2SessionManager(
      this.url,
      undefined,
      ca ? { ca: fs.readFileSync(ca) } : undefined,
    );
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

/** The metering service, the one most tests need. */
export type MeteringProcess = ServiceProcess;
export const MeteringProcess = {
  launch: (): Promise<ServiceProcess> => ServiceProcess.launch('metering'),
};
