import * as fs from 'node:fs';
import { MeteringAdmin, MeteringProcess, waitFor } from '@cascade/plugin-sdk/testing';
import { REASON_HEADER } from './amqp/dead-letter';
import { RunningAdapter, startAdapter } from './adapter-process';
import { fixtureText } from '@cascade/openstack-adapter/testing';
import { memoryLogger, publishAll, tempDir, testConfig } from './testing/harness';
import {
  cinder,
  floatingIp,
  legacyNova,
  minutes,
  nova,
  Outgoing,
  PROJECTS,
} from './testing/notifications';
import { rabbitOrWarn, TestBroker, uniqueNames } from './testing/rabbit';

const HOUR = 3_600_000;
const dayOf = (t0: string): [Date, Date] => {
  const from = new Date(`${t0.slice(0, 10)}T00:00:00Z`);
  return [from, new Date(from.getTime() + 24 * HOUR)];
};

describe('OpenStack adapter against real RabbitMQ and metering', () => {
  let reachable = false;
  let metering: MeteringProcess;
  let admin: MeteringAdmin;
  let broker: TestBroker;
  const tenants: Record<keyof typeof PROJECTS, string> = {
    versioned: '',
    legacy: '',
    cinder: '',
    neutron: '',
  };
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    reachable = await rabbitOrWarn();
    if (!reachable) return;
    [metering, broker] = await Promise.all([MeteringProcess.launch(), TestBroker.open()]);
    admin = new MeteringAdmin(metering.url);
    for (const key of Object.keys(PROJECTS) as (keyof typeof PROJECTS)[])
      tenants[key] = await admin.createTenant(PROJECTS[key]);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await broker?.close();
    admin?.close();
    await metering?.dispose();
  });

  /** A running adapter on fresh broker names, torn down (queues and exchanges deleted) after the test. */
  async function launch(label: string, spoolDir = tempDir(label), names = uniqueNames(label)) {
    const logger = memoryLogger();
    const adapter = await startAdapter(testConfig(names, metering, spoolDir), { logger });
    cleanups.push(async () => {
      await adapter.stop().catch(() => undefined);
      await broker.remove(names);
      fs.rmSync(spoolDir, { recursive: true, force: true });
    });
    return { adapter, logger, names, spoolDir };
  }

  const total = (tenant: keyof typeof PROJECTS, meter: string, t0: string) =>
    admin.total(tenants[tenant], meter, ...dayOf(t0));

  const handled = (adapter: RunningAdapter, count: number) =>
    waitFor(`${count} messages handled`, () => {
      const c = adapter.counters();
      return c.acknowledged + c.deadLettered >= count;
    });

  it('meters exact vCPU-, memory-, disk-, volume- and IP-hours from real notifications', async () => {
    if (!reachable) return;
    const { adapter, names } = await launch('exact');
    const t0 = '2026-03-01T10:00:00Z';
    const at = (m: number) => minutes(t0, m);
    const messages: Outgoing[] = [
      // Versioned Nova, one VM (1 vCPU, 512 MB, 1 GB root), enveloped and bare.
      nova('instance-create-end', at(0)),
      nova('instance-update-tags-action', at(30), false),
      nova('instance-power_off-end', at(90)),
      nova('instance-power_on-end', at(120), false),
      nova('instance-resize_finish-end', at(150)), // 256 MB from here on
      nova('instance-delete-end', at(240), false),
      // Legacy Nova (1 vCPU, 512 MB, root 0); the delete.start sample retyped as delete.end.
      legacyNova('INSTANCE_CREATE_END', at(0)),
      legacyNova('INSTANCE_DELETE_START', at(120), 'compute.instance.delete.end'),
      // Cinder, 1 GB, all three with the samples' shared message id.
      cinder('NOTIFICATION_VOLUME_CREATE_END', at(0)),
      cinder('NOTIFICATION_VOLUME_RESIZE_END', at(60)),
      cinder('NOTIFICATION_VOLUME_DELETE_END', at(180)),
      // Neutron: the IP is billed from its audit to its deletion.
      floatingIp(at(0)),
      floatingIp(at(300), true),
    ];
    await publishAll(broker, names, messages);
    await handled(adapter, messages.length);
    await adapter.client.drained();

    expect(adapter.counters()).toMatchObject({ acknowledged: 13, deadLettered: 0 });
    // 1 vCPU × 1.5 h (create → power_off) + 1 vCPU × 2 h (power_on → delete)
    expect(await total('versioned', 'compute.vcpu', t0)).toBe('3.5');
    // 0.5 GB × 1.5 h + 0.5 GB × 0.5 h + 0.25 GB × 1.5 h
    expect(await total('versioned', 'compute.memory.gb', t0)).toBe('1.375');
    expect(await total('versioned', 'compute.disk.gb', t0)).toBe('3.5');
    expect(await total('legacy', 'compute.vcpu', t0)).toBe('2');
    expect(await total('legacy', 'compute.memory.gb', t0)).toBe('1');
    expect(await total('legacy', 'compute.disk.gb', t0)).toBe('0');
    expect(await total('cinder', 'storage.volume.gb', t0)).toBe('3');
    expect(await total('neutron', 'network.floatingip', t0)).toBe('5');
    expect(await adapter.client.parked()).toEqual([]);
  });

  it('metering down during a burst: messages are acknowledged from the spool, then drained exactly', async () => {
    if (!reachable) return;
    const { adapter, names } = await launch('outage');
    const t0 = '2026-03-02T10:00:00Z';
    const at = (m: number) => minutes(t0, m);
    // Create, then off/on every 15 minutes twenty times, then delete: on for 11 × 15 min.
    const burst: Outgoing[] = [nova('instance-create-end', at(0))];
    for (let k = 1; k <= 20; k++)
      burst.push(
        nova(k % 2 ? 'instance-power_off-end' : 'instance-power_on-end', at(k * 15), k % 3 === 0),
      );
    burst.push(nova('instance-delete-end', at(21 * 15)));
    burst.push(cinder('NOTIFICATION_VOLUME_CREATE_END', at(0)));
    burst.push(cinder('NOTIFICATION_VOLUME_DELETE_END', at(240)));

    await metering.stop();
    await publishAll(broker, names, burst);
    await handled(adapter, burst.length);
    expect(await broker.readyCount(names.queue)).toBe(0);
    await waitFor(
      'a failed send to the stopped metering',
      () => adapter.client.stats().retries > 0,
    );
    expect(adapter.client.stats().accepted).toBe(0);

    await metering.start();
    await adapter.client.drained();
    expect(await total('versioned', 'compute.vcpu', t0)).toBe('2.75');
    expect(await total('cinder', 'storage.volume.gb', t0)).toBe('4');
  });

  it('killed between receiving and acknowledging: the redelivery is a duplicate, totals unchanged', async () => {
    if (!reachable) return;
    const names = uniqueNames('kill');
    const spoolDir = tempDir('kill');
    const t0 = '2026-03-03T10:00:00Z';
    const messages = [
      nova('instance-create-end', minutes(t0, 0)),
      nova('instance-power_off-end', minutes(t0, 90)),
      cinder('NOTIFICATION_VOLUME_CREATE_END', minutes(t0, 0)),
      cinder('NOTIFICATION_VOLUME_DELETE_END', minutes(t0, 60)),
    ];
    // First adapter: stores and sends every event but never gets to acknowledge.
    const first = await startAdapter(testConfig(names, metering, spoolDir), {
      logger: memoryLogger(),
      hooks: { beforeAck: () => new Promise<void>(() => undefined) },
    });
    await publishAll(broker, names, messages);
    await waitFor(
      'usage recorded before any acknowledgement',
      async () =>
        first.counters().received === 4 &&
        (await total('versioned', 'compute.vcpu', t0)) === '1.5' &&
        (await total('cinder', 'storage.volume.gb', t0)) === '1',
    );
    expect(first.counters().acknowledged).toBe(0);
    await first.kill();

    // The restarted adapter gets all four again from the broker, on the same spool.
    const { adapter: second } = await launch('kill', spoolDir, names);
    await handled(second, 4);
    await second.client.drained();
    expect(second.counters()).toMatchObject({ redelivered: 4, acknowledged: 4 });
    // 3 gauges on create + 3 on power_off + 1 + 1 for the volume: all duplicates.
    expect(second.client.stats()).toMatchObject({ accepted: 0 });
    expect(second.client.stats().duplicates).toBeGreaterThanOrEqual(8);
    expect(await total('versioned', 'compute.vcpu', t0)).toBe('1.5');
    expect(await total('cinder', 'storage.volume.gb', t0)).toBe('1');
  });

  it('a project with no tenant yet: acknowledged, parked and reported, metered after a retry', async () => {
    if (!reachable) return;
    const { adapter, names, logger } = await launch('parked');
    const t0 = '2026-03-06T10:00:00Z';
    // Project cea4b25e… has no tenant in metering yet.
    const messages = [
      legacyNova('INSTANCE_FINISH_RESIZE_END', minutes(t0, 0)),
      legacyNova('INSTANCE_FINISH_RESIZE_END', minutes(t0, 30), 'compute.instance.delete.end'),
    ];
    await publishAll(broker, names, messages);
    await handled(adapter, 2);
    await adapter.client.drained();
    expect(adapter.counters().acknowledged).toBe(2);
    const parked = await adapter.client.parked();
    expect(parked).toHaveLength(6);
    expect(parked.every((p) => p.reason.startsWith('tenant: unknown tenant'))).toBe(true);
    expect(logger.lines.join('\n')).toMatch(
      /parked \d+ event\(s\), never dropped: tenant: unknown tenant/,
    );

    const tenant = await admin.createTenant('cea4b25edb484e5392727181b7721d29');
    expect(await adapter.retryParked()).toBe(6);
    await adapter.client.drained();
    expect(await adapter.client.parked()).toEqual([]);
    // m1.small after the resize: 2 GB for half an hour, 20 GB root disk.
    expect(await admin.total(tenant, 'compute.memory.gb', ...dayOf(t0))).toBe('1');
    expect(await admin.total(tenant, 'compute.disk.gb', ...dayOf(t0))).toBe('10');
  });

  it('a malformed message is dead-lettered with its reason and the rest flow', async () => {
    if (!reachable) return;
    const { adapter, names, logger } = await launch('malformed');
    const t0 = '2026-03-04T10:00:00Z';
    const bad = (body: string): Outgoing => ({
      exchange: 'nova',
      routingKey: 'notifications.info',
      body,
    });
    const messages: Outgoing[] = [
      nova('instance-create-end', minutes(t0, 0)),
      bad('this is not json'),
      bad(JSON.stringify({ 'oslo.version': '1.0', 'oslo.message': '{}' })),
      // The Cinder sample as published by the fixture, with its "__NOW__" sentinel time.
      {
        exchange: 'cinder',
        routingKey: 'notifications.info',
        body: fixtureText(
          'openstack-ceilometer/historical/extracted-json/volume/NOTIFICATION_VOLUME_CREATE_END.json',
        ),
      },
      nova('instance-power_off-end', minutes(t0, 60)),
    ];
    await publishAll(broker, names, messages);
    await handled(adapter, messages.length);
    await adapter.client.drained();

    expect(adapter.counters()).toMatchObject({ acknowledged: 2, deadLettered: 3 });
    const dead = await broker.drainQueue(names.deadLetterQueue);
    expect(dead.map((m) => String(m.properties.headers?.[REASON_HEADER]))).toEqual([
      'body: not a JSON object',
      'oslo.version: unsupported "1.0"',
      'timestamp: unreadable "__NOW__"',
    ]);
    expect(dead[0]?.content.toString()).toBe('this is not json');
    expect(logger.lines.filter((l) => l.includes('dead-lettered'))).toHaveLength(3);
    expect(await total('versioned', 'compute.vcpu', t0)).toBe('1');
  });
});
