// `cascade health <service>`, the probe pods on mutual TLS use (the kubelet's own
// gRPC probe cannot speak TLS): it passes against a serving metering on mutual
// TLS with the service's own certificate, and fails, exit 1, when nothing serves.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Cascade, freePort, serviceCertificates, startCascade } from '../support';

const ENTRY = path.resolve(__dirname, '..', '..', 'deploy', 'image', 'cascade.cjs');

function health(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ENTRY, 'health', 'metering'], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr });
    });
  });
}

describe('cascade health', () => {
  let cascade: Cascade;
  let tlsEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const { tls } = serviceCertificates(mkdtempSync(path.join(tmpdir(), 'cascade-health-')));
    cascade = await startCascade({ database: 'sqlite', services: ['metering'], tls });
    tlsEnv = {
      PATH: process.env.PATH,
      METERING_PORT: new URL(cascade.urls.metering).port,
      CASCADE_TLS_CA: tls.ca,
      CASCADE_TLS_CERT: tls.certificates.metering.cert,
      CASCADE_TLS_KEY: tls.certificates.metering.key,
    };
  }, 120_000);

  afterAll(async () => {
    await cascade?.stop();
  }, 60_000);

  test('exits 0 when the service on this host answers SERVING over mutual TLS', async () => {
    expect(await health(tlsEnv)).toEqual({ code: 0, stdout: 'metering: SERVING\n', stderr: '' });
  });

  test('exits 1, saying why, when nothing serves on the port', async () => {
    const port = String(await freePort());
    const result = await health({ ...tlsEnv, METERING_PORT: port });
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(
      new RegExp(`^metering at https://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
  });
});
