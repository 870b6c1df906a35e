import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResourceChange, started, stopped } from '@cascade/plugin-sdk/domain';
import type { UsageClientOptions } from './client-options';
import { tenantMapping } from './tenant-mapping';
import { MeteringAdmin } from './testing/metering-admin';
import { MeteringProcess } from './testing/service-process';
import { TEST_ADMIN_TOKEN } from './testing/tokens';
import { recordingLogger } from './testing/drafts';
import { waitFor } from './testing/wait-for';
import { UsageClient } from './usage-client';

const HOUR = 3_600_000;

/**
 * `count` VMs with `vcpus` each, started at `day` 00:00 and stopped `minutes`
 * later: 4 events per VM (the start sets vCPUs, the stop zeroes all 3 gauges).
 */
function vmBurst(day: string, count: number, vcpus: string, minutes: number, project = 'proj-a') {
  const start = new Date(`${day}T00:00:00Z`);
  const changes: ResourceChange[] = [];
  for (let i = 0; i < count; i++) {
    const ref = (eventType: string, at: Date) => ({
      origin: { eventId: `${day}-vm${i}-${eventType}`, eventType },
      kind: 'instance' as const,
      resourceId: `${day}-vm-${i}`,
      projectId: project,
      at,
    });
    changes.push(started(ref('create', start), { vcpus }));
    changes.push(stopped(ref('power_off', new Date(start.getTime() + minutes * 60_000))));
  }
  return changes;
}

const dayWindow = (day: string): [Date, Date] => {
  const from = new Date(`${day}T00:00:00Z`);
  return [from, new Date(from.getTime() + 24 * HOUR)];
};

describe('UsageClient against the real metering service', () => {
  let metering: MeteringProcess;
  let admin: MeteringAdmin;
  let tenantA: string;
  const clients: UsageClient[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    metering = await MeteringProcess.launch();
    admin = new MeteringAdmin(metering.url);
    tenantA = await admin.createTenant('proj-a');
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    admin?.close();
    await metering?.dispose();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openClient(options: Partial<UsageClientOptions> = {}, spoolDir?: string) {
    const dir = spoolDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-client-'));
    dirs.push(dir);
    const logger = recordingLogger();
    const client = await UsageClient.open({
      meteringUrl: metering.url,
      token: TEST_ADMIN_TOKEN,
      spoolDir: dir,
      source: 'sdk-test',
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
      ...options,
    });
    clients.push(client);
    return { client, logger, dir };
  }

  it('creates the five TIME_WEIGHTED gauge meters once', async () => {
    const { client } = await openClient();
    expect((await client.ensureGaugeMeters()).sort()).toEqual([
      'compute.disk.gb',
      'compute.memory.gb',
      'compute.vcpu',
      'network.floatingip',
      'storage.volume.gb',
    ]);
    expect(await client.ensureGaugeMeters()).toEqual([]);
  });

  it('batches by size: 100 gauge events in batches of at most 10, exact vCPU-hours', async () => {
    const { client } = await openClient({ maxBatch: 10, maxQueue: 20, flushIntervalMs: 20 });
    await client.recordChanges(vmBurst('2026-02-01', 25, '2', 30));
    await client.drained();
    const stats = client.stats();
    expect(stats.accepted).toBe(100);
    expect(stats.largestBatch).toBeLessThanOrEqual(10);
    expect(stats.batchesSent).toBeGreaterThanOrEqual(10);
    // Every batch on one StreamUsage call.
    expect(stats.streams).toBe(1);
    // 25 VMs × 2 vCPUs × 0.5 h
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-01'))).toBe('25');
  });

  it('batches by time: a few events are written when the interval passes, no flush needed', async () => {
    const { client } = await openClient({ maxBatch: 100, flushIntervalMs: 30 });
    await client.recordChanges(vmBurst('2026-02-02', 1, '4', 90));
    expect(client.stats().spoolWrites).toBe(1);
    await client.drained();
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-02'))).toBe('6');
  });

  it('a redelivered platform event is a duplicate, not double usage', async () => {
    const { client } = await openClient();
    const burst = vmBurst('2026-02-03', 3, '1', 60);
    await client.recordChanges(burst);
    await client.recordChanges(burst);
    await client.drained();
    expect(client.stats()).toMatchObject({ accepted: 12, duplicates: 12 });
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-03'))).toBe('3');
  });

  it('back pressure: 20 concurrent producers through a queue of 10 all arrive', async () => {
    const { client } = await openClient({ maxBatch: 5, maxQueue: 10, flushIntervalMs: 5 });
    const burst = vmBurst('2026-02-04', 100, '1', 6);
    const producers = Array.from({ length: 20 }, (_, p) =>
      client.recordChanges(burst.slice(p * 10, p * 10 + 10)),
    );
    await Promise.all(producers);
    await client.drained();
    expect(client.stats().accepted).toBe(400);
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-04'))).toBe('10');
  });

  it('survives a metering outage and a restart of the platform process, then drains in order', async () => {
    await metering.stop();
    const first = await openClient();
    // Durable while metering is down: record() resolves once the spool has the events.
    await first.client.recordChanges(vmBurst('2026-02-05', 10, '2', 45));
    await waitFor('retries against the stopped metering', () => first.client.stats().retries >= 2);
    await first.client.close();

    await metering.start();
    const second = await openClient({}, first.dir);
    await second.client.drained();
    expect(second.client.stats().accepted).toBe(40);
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-05'))).toBe('15');
    expect(fs.readdirSync(path.join(first.dir, 'segments'))).toEqual([]);
    expect(first.logger.lines.join('\n')).toMatch(/metering unavailable \(attempt 1/);
  });

  it('a stream broken while idle (metering restarted) is replaced by a new one, nothing lost', async () => {
    const { client } = await openClient();
    await client.recordChanges(vmBurst('2026-02-08', 2, '2', 30));
    await client.drained();
    await metering.stop();
    await metering.start();
    await client.recordChanges(vmBurst('2026-02-08', 4, '2', 30).slice(4));
    await client.drained();
    const stats = client.stats();
    expect(stats).toMatchObject({ accepted: 16, duplicates: 0, parked: 0 });
    expect(stats.streams).toBeGreaterThanOrEqual(2);
    // 4 VMs × 2 vCPUs × 0.5 h
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-08'))).toBe('4');
  });

  it('parks events of an unknown project, reports them, and sends them once the tenant exists', async () => {
    const { client, logger } = await openClient();
    await client.recordChanges(vmBurst('2026-02-06', 2, '3', 20, 'proj-late'));
    await client.drained();
    const parked = await client.parked();
    expect(parked).toHaveLength(8);
    expect(parked.every((p) => p.reason.startsWith('tenant:'))).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/parked 8 event\(s\), never dropped: tenant:/);

    const late = await admin.createTenant('proj-late');
    expect(await client.retryParked()).toBe(8);
    await client.drained();
    expect(await client.parked()).toEqual([]);
    expect(await admin.total(late, 'compute.vcpu', ...dayWindow('2026-02-06'))).toBe('2');
  });

  it('maps platform project ids to external refs', async () => {
    const { client } = await openClient({ tenants: tenantMapping({ map: { 'os-42': 'proj-a' } }) });
    await client.recordChanges(vmBurst('2026-02-07', 1, '8', 15, 'os-42'));
    await client.drained();
    expect(await client.parked()).toEqual([]);
    expect(await admin.total(tenantA, 'compute.vcpu', ...dayWindow('2026-02-07'))).toBe('2');
  });
});
