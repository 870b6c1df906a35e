import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  MeteringAdmin,
  MeteringProcess,
  TEST_ADMIN_TOKEN,
  waitFor,
} from '@cascade/plugin-sdk/testing';
import { tempDir } from './testing/harness';
import { minutes, nova, PROJECTS } from './testing/notifications';
import { BROKER_URL, rabbitOrWarn, TestBroker, uniqueNames } from './testing/rabbit';

const REPO_ROOT = path.resolve(__dirname, '../../..');

describe('the adapter as its own process (main.ts --config)', () => {
  it('consumes, meters, and stops cleanly on SIGTERM', async () => {
    if (!(await rabbitOrWarn())) return;
    const names = uniqueNames('main');
    const dir = tempDir('main');
    const [metering, broker] = await Promise.all([MeteringProcess.launch(), TestBroker.open()]);
    const admin = new MeteringAdmin(metering.url);
    let child: ChildProcess | undefined;
    try {
      const tenant = await admin.createTenant(PROJECTS.versioned);
      const configFile = path.join(dir, 'adapter.json');
      fs.writeFileSync(
        configFile,
        JSON.stringify({
          broker: { url: BROKER_URL },
          exchanges: Object.values(names.exchanges),
          topics: ['versioned_notifications.info'],
          queue: names.queue,
          meteringUrl: metering.url,
          meteringToken: TEST_ADMIN_TOKEN,
          spoolDir: 'spool',
          source: `openstack-${names.id}`,
        }),
      );
      const proc = spawn(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/openstack-adapter/src/main.ts', '--config', configFile],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = proc;
      let output = '';
      proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
      await waitFor('the adapter to consume', () => output.includes('consuming'), {
        timeoutMs: 30_000,
      });

      const t0 = '2026-03-05T08:00:00Z';
      for (const m of [
        nova('instance-create-end', minutes(t0, 0)),
        nova('instance-power_off-end', minutes(t0, 60)),
      ])
        await broker.publish(names.exchanges.nova, m.routingKey, m.body);
      const day: [Date, Date] = [
        new Date('2026-03-05T00:00:00Z'),
        new Date('2026-03-06T00:00:00Z'),
      ];
      await waitFor(
        '1 vCPU-hour metered',
        async () => (await admin.total(tenant, 'compute.vcpu', ...day)) === '1',
      );

      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toMatch(/SIGTERM: stopping/);
      expect(fs.existsSync(path.join(dir, 'spool', 'segments'))).toBe(true);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await broker.remove(names).catch(() => undefined);
      await broker.close();
      admin.close();
      await metering.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
