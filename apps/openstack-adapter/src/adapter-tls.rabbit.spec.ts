import * as fs from 'node:fs';
import { createTestCa, issueTestCertificate } from '@cascade/platform/testing';
import { ServiceProcess } from '@cascade/plugin-sdk/testing';
import { startAdapter } from './adapter-process';
import { memoryLogger, tempDir, testConfig } from './testing/harness';
import { rabbitOrWarn, TestBroker, uniqueNames } from './testing/rabbit';

// The adapter reaches a metering on mutual TLS through its config alone: with
// meteringTls.ca it creates the gauge meters there; without it the same
// metering's certificate is refused.
describe('OpenStack adapter towards metering on TLS', () => {
  let reachable = false;
  let dir: string;
  let ca: string;
  let metering: ServiceProcess;
  let broker: TestBroker;

  beforeAll(async () => {
    reachable = await rabbitOrWarn();
    if (!reachable) return;
    dir = tempDir('adapter-tls');
    const authority = createTestCa(dir, 'adapter test CA');
    const certificate = issueTestCertificate(authority, 'cascade-metering');
    ca = authority.cert;
    [metering, broker] = await Promise.all([
      ServiceProcess.launch('metering', {
        CASCADE_TLS_CA: ca,
        CASCADE_TLS_CERT: certificate.cert,
        CASCADE_TLS_KEY: certificate.key,
      }),
      TestBroker.open(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await broker?.close();
    await metering?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(label: string, extra: Record<string, unknown>) {
    const names = uniqueNames(label);
    const logger = memoryLogger();
    const config = testConfig(names, metering, tempDir(label), extra);
    const adapter = await startAdapter(config, { logger });
    await adapter.stop();
    await broker.remove(names);
    fs.rmSync(config.spoolDir, { recursive: true, force: true });
    return { adapter, logger };
  }

  it('without meteringTls, metering’s certificate is refused', async () => {
    if (!reachable) return;
    const { logger } = await start('tls-none', {});
    expect(logger.lines[0]).toMatch(
      /^warn could not check the gauge meters \(continuing\): .*self-signed certificate in certificate chain$/,
    );
  });

  it('with meteringTls.ca, it creates the five gauge meters over TLS', async () => {
    if (!reachable) return;
    const { adapter, logger } = await start('tls-ca', { meteringTls: { ca } });
    expect(logger.lines[0]).toBe(
      'info created meters compute.vcpu, compute.memory.gb, compute.disk.gb, storage.volume.gb, network.floatingip',
    );
    expect(adapter.client.stats()).toMatchObject({ parked: 0, retries: 0 });
  });
});
