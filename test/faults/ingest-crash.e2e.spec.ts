// kill -9 metering in the middle of a 100,000-event ingest streamed through the
// plugin SDK (StreamUsage), start it again: the SDK's spool and retries deliver
// everything over a new stream, metering's idempotency keys count each event
// exactly once.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  ApiKeyService,
  AuditService,
  MeterService,
  Role,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { UsageClient } from '@cascade/plugin-sdk';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { silentLogger, waitFor } from '@cascade/plugin-sdk/testing';
import { BACKENDS, Cascade, ConnectClients, startCascade } from '../support';

const EVENTS = 100_000;
const METER = 'fault.calls';
const DAY = Date.UTC(2026, 9, 1);

/** Event n: its own id, one unit, spread over October. */
function draft(n: number): UsageEventDraft {
  return {
    id: `ingest-${n}`,
    source: 'fault-test',
    projectId: 'fault-project',
    meterCode: METER,
    quantity: '1',
    timestamp: new Date(DAY + (n % 30) * 86_400_000 + (n % 86_400) * 1000).toISOString(),
    resourceId: `vm-${n % 100}`,
    properties: {},
  };
}

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`metering killed during a streamed ingest (${label})`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    let client: UsageClient | undefined;
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-fault-spool-'));

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering'] });
      operator = new ConnectClients(cascade.urls);
    }, 120_000);

    afterAll(async () => {
      await client?.close();
      operator?.close();
      await cascade?.stop();
      fs.rmSync(spoolDir, { recursive: true, force: true });
    }, 60_000);

    test('every one of 100,000 events is counted exactly once', async () => {
      await operator
        .client('metering', MeterService)
        .createMeter({ code: METER, name: 'calls', unit: 'call', aggregation: Aggregation.SUM });
      const tenant = await operator.client('metering', TenantService).createTenant({
        externalRef: 'fault-project',
        name: 'fault project',
        kind: TenantKind.CUSTOMER,
        currency: 'USD',
      });
      // The adapter's own key: INGEST, its tenant's subtree only.
      const { secret } = await operator
        .client('metering', ApiKeyService)
        .createApiKey({ tenantId: tenant.id, role: Role.INGEST, name: 'fault adapter' });
      client = await UsageClient.open({
        meteringUrl: cascade.urls.metering,
        token: secret,
        spoolDir,
        source: 'fault-test',
        maxBatch: 250,
        maxQueue: 5_000,
        backoff: { initialMs: 20, maxMs: 250 },
        logger: silentLogger,
      });
      const usage = client;

      // The platform records as fast as the spool takes it; the drainer sends behind.
      const recording = (async () => {
        for (let start = 0; start < EVENTS; start += 1_000)
          await usage.record(Array.from({ length: 1_000 }, (_, i) => draft(start + i)));
      })();
      const acceptedAtKill = await waitFor(
        'a fifth of the events accepted',
        () => {
          const accepted = usage.stats().accepted;
          return accepted >= EVENTS / 5 ? accepted : undefined;
        },
        { timeoutMs: 120_000, everyMs: 5 },
      );
      await cascade.kill('metering');
      expect(acceptedAtKill).toBeLessThan(EVENTS);

      await cascade.restart('metering');
      await recording;
      await usage.drained();

      const stats = usage.stats();
      expect(stats.parked).toBe(0);
      // Long-lived streams: the first broke with the kill, and every other one was opened
      // to replace a broken one (some refused while metering was down), or once after the
      // kill if the drainer was idle then; hundreds of batches went over them.
      expect(stats.streams).toBeGreaterThanOrEqual(2);
      expect(stats.streams).toBeLessThanOrEqual(stats.retries + 2);
      expect(stats.batchesSent).toBeGreaterThanOrEqual(EVENTS / 250);
      // Batches metering stored but could not acknowledge before dying come back as duplicates.
      expect(stats.accepted).toBeLessThanOrEqual(EVENTS);
      expect(stats.accepted + stats.duplicates).toBeGreaterThanOrEqual(EVENTS);
      const answer = await operator.client('metering', UsageService).queryUsage({
        tenantId: tenant.id,
        meterCode: METER,
        from: timestampFromDate(new Date(DAY)),
        to: timestampFromDate(new Date(Date.UTC(2026, 10, 1))),
      });
      expect(answer.total).toBe(String(EVENTS));

      // Metering's side (its audit log, once the SDK closed its stream): the adapter's
      // key called StreamUsage, never RecordUsage.
      await usage.close();
      client = undefined;
      const audit = operator.client('metering', AuditService);
      const ingestRpcs = async () => {
        const rpcs = new Set<string>();
        let pageToken = '';
        do {
          const page = await audit.listAuditEvents({
            tenantId: tenant.id,
            pageSize: 200,
            pageToken,
          });
          for (const e of page.events)
            if (e.rpc.startsWith('cascade.metering.v1.UsageService/')) rpcs.add(e.rpc);
          pageToken = page.nextPageToken;
        } while (pageToken);
        return rpcs.size > 0 ? rpcs : undefined;
      };
      expect(await waitFor('metering to audit the stream', ingestRpcs)).toEqual(
        new Set(['cascade.metering.v1.UsageService/StreamUsage']),
      );
    }, 300_000);
  });
}
