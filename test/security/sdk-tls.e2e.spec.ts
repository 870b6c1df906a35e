// The plugin SDK reaching metering on mutual TLS with its own options (no
// NODE_EXTRA_CA_CERTS): trusting the CA, a UsageClient's events are counted
// exactly; with a service certificate it is the Cascade service the
// certificate names; without the CA it delivers nothing, keeps every event in
// its spool and says why.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { issueTestCertificate, TestCa } from '@cascade/platform/testing';
import { UsageClient, UsageClientOptions } from '@cascade/plugin-sdk';
import { draftRange, recordingLogger, waitFor } from '@cascade/plugin-sdk/testing';
import {
  Cascade,
  CascadeClients,
  CascadeTls,
  grpcClients,
  serviceCertificates,
  startCascade,
  timestamp,
} from '../support';

const METER = 'sdk.tls.calls';
const PROJECT = 'sdk-tls-project';

describe('the plugin SDK over mutual TLS', () => {
  let dir: string;
  let authority: TestCa;
  let tls: CascadeTls;
  let cascade: Cascade;
  let operator: CascadeClients;
  let tenantId: string;
  let ingestKey: string;
  const clients: UsageClient[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-sdk-tls-'));
    ({ authority, tls } = serviceCertificates(dir));
    cascade = await startCascade({ database: 'sqlite', services: ['metering'], tls });
    operator = grpcClients(cascade.urls, { token: cascade.adminToken, tls: { ca: tls.ca } });
    await operator.meters.CreateMeter({
      code: METER,
      name: 'calls',
      unit: 'call',
      aggregation: 'AGGREGATION_SUM',
    });
    const tenant = await operator.tenants.CreateTenant({
      external_ref: PROJECT,
      name: PROJECT,
      kind: 'TENANT_KIND_CUSTOMER',
      currency: 'USD',
    });
    tenantId = tenant.id;
    ({ secret: ingestKey } = await operator.apiKeys.CreateApiKey({
      tenant_id: tenantId,
      role: 'ROLE_INGEST',
      name: 'sdk over tls',
    }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    operator?.close();
    await cascade?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** A fresh spool named `spool` in the suite's folder. */
  const spoolDir = (spool: string) => fs.mkdtempSync(path.join(dir, `${spool}-`));

  async function open(spool: string, options: Partial<UsageClientOptions>) {
    const logger = recordingLogger();
    const client = await UsageClient.open({
      meteringUrl: cascade.urls.metering,
      token: ingestKey,
      spoolDir: spool,
      source: 'sdk-tls',
      maxBatch: 25,
      backoff: { initialMs: 20, maxMs: 100 },
      logger,
      ...options,
    });
    clients.push(client);
    return { client, logger };
  }

  /** `count` calls of one unit each on 2026-10-`day`. */
  const calls = (from: number, count: number, day: string) =>
    draftRange(from, count, {
      source: 'sdk-tls',
      projectId: PROJECT,
      meterCode: METER,
      timestamp: `2026-10-${day}T12:00:00.000Z`,
    });

  async function total(day: string): Promise<string> {
    const answer = await operator.usage.QueryUsage({
      tenant_id: tenantId,
      meter_code: METER,
      from: timestamp(`2026-10-${day}T00:00:00Z`),
      to: timestamp(`2026-10-${day}T23:59:59Z`),
    });
    return answer.total;
  }

  test('trusting the CA (tls.ca), every event is counted exactly once', async () => {
    const { client } = await open(spoolDir('with-ca'), { tls: { ca: fs.readFileSync(tls.ca) } });
    await client.record(calls(0, 130, '01'));
    await client.drained();
    expect(client.stats()).toMatchObject({
      accepted: 130,
      duplicates: 0,
      parked: 0,
      retries: 0,
      streams: 1,
    });
    expect(await total('01')).toBe('130');
  });

  test('with a service certificate (tls.cert, tls.key) the service token is the Cascade service', async () => {
    const rating = issueTestCertificate(authority, 'cascade-rating', { file: 'sdk-rating' });
    const { client } = await open(spoolDir('with-certificate'), {
      token: cascade.serviceToken,
      tls: {
        ca: fs.readFileSync(tls.ca),
        cert: fs.readFileSync(rating.cert),
        key: fs.readFileSync(rating.key),
      },
    });
    await client.record(calls(1_000, 40, '02'));
    await client.drained();
    expect(client.stats()).toMatchObject({ accepted: 40, parked: 0, retries: 0 });
    expect(await total('02')).toBe('40');
  });

  test('without the CA nothing is delivered: the events stay in the spool, the failure in stats and log', async () => {
    const spool = spoolDir('without-ca');
    const { client, logger } = await open(spool, {});
    await client.record(calls(2_000, 30, '03'));
    await waitFor('three failed attempts', () => client.stats().retries >= 3);
    expect(client.stats()).toMatchObject({ accepted: 0, batchesSent: 0, parked: 0 });
    expect(await client.parked()).toEqual([]);
    expect(logger.lines[0]).toMatch(
      /^warn metering unavailable \(attempt 1, retrying in \d+ ms\): .*self-signed certificate in certificate chain$/,
    );
    expect(await total('03')).toBe('0');

    // The same spool, now trusting the CA: all 30 arrive.
    await client.close();
    const { client: trusting } = await open(spool, { tls: { ca: fs.readFileSync(tls.ca) } });
    await trusting.drained();
    expect(trusting.stats()).toMatchObject({ accepted: 30, parked: 0, retries: 0 });
    expect(await total('03')).toBe('30');
  });
});
