// SIGTERM stops a service gracefully: it stops taking new calls, finishes the
// calls in flight (here a usage stream mid-way), closes its database and ends
// by the signal it was sent (Nest re-raises it once closed) — and what it
// acknowledged is there after a restart.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
  CascadeClients,
  E2E_ADMIN_TOKEN,
  E2E_SERVICE_TOKEN,
  freePort,
  grpcClients,
  isServing,
  Message,
  serviceDefinition,
  timestamp,
} from './support';

const ROOT = path.resolve(__dirname, '..');

describe('graceful shutdown', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-shutdown-'));
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function startMetering(): Promise<{
    child: ChildProcess;
    api: CascadeClients;
    exited: Promise<string>;
  }> {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/metering/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          METERING_PORT: String(port),
          // Any free port: parallel suites must not meet on the default 9091.
          METRICS_PORT: '0',
          CASCADE_DATA_DIR: dataDir,
          CASCADE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
          CASCADE_SERVICE_TOKEN: E2E_SERVICE_TOKEN,
          DATABASE_URL: '',
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(`code ${code} signal ${signal}`)),
    );
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!(await isServing(url, 1_000))) {
      if (Date.now() > deadline) throw new Error('metering did not become healthy');
      await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval while it boots
    }
    return { child, api: grpcClients({ metering: url, rating: url, invoicing: url }), exited };
  }

  test('finishes the stream in flight, stops on SIGTERM, and keeps what it acknowledged', async () => {
    const first = await startMetering();
    const tenant = await first.api.tenants.CreateTenant({
      external_ref: 'p',
      name: 'p',
      kind: 'TENANT_KIND_PROVIDER',
      currency: 'USD',
    });
    await first.api.meters.CreateMeter({
      code: 'calls',
      name: 'calls',
      unit: 'call',
      aggregation: 'AGGREGATION_SUM',
    });
    const method = serviceDefinition('cascade.metering.v1.UsageService')
      .StreamUsage as grpc.MethodDefinition<Message, Message>;
    const call = first.api.channels.metering.makeBidiStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      bearerMetadata(),
    );
    const acks: Message[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      call.on('error', reject);
      call.on('end', resolve);
    });
    const firstAck = new Promise<void>((resolve) => call.once('data', () => resolve()));
    call.on('data', (ack: Message) => acks.push(ack));
    const batch = (b: number) => ({
      batch_id: `b${b}`,
      events: Array.from({ length: 1000 }, (_, i) => ({
        id: `e-${b}-${i}`,
        tenant_id: tenant.id,
        meter_code: 'calls',
        quantity: '1',
        timestamp: timestamp('2026-10-10T00:00:00Z'),
      })),
    });
    call.write(batch(0));
    await firstAck;
    first.child.kill('SIGTERM');
    call.write(batch(1));
    call.end();
    await ended;
    expect(acks.map((a) => [a.batch_id, a.accepted])).toEqual([
      ['b0', 1000],
      ['b1', 1000],
    ]);
    expect(await first.exited).toBe('code null signal SIGTERM');
    first.api.close();

    const second = await startMetering();
    const usage = await second.api.usage.QueryUsage({
      tenant_id: tenant.id,
      meter_code: 'calls',
      from: timestamp('2026-10-01T00:00:00Z'),
      to: timestamp('2026-11-01T00:00:00Z'),
    });
    expect(usage.total).toBe('2000');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe('code null signal SIGTERM');
    second.api.close();
  }, 120_000);
});

function bearerMetadata(): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${E2E_ADMIN_TOKEN}`);
  return metadata;
}
