// The call log end to end: a service's stdout is JSON, one line per RPC at
// info (never one per event), naming the RPC, its code, its duration, the
// caller's key and tenant and the trace id, and never a token.
import { randomBytes } from 'node:crypto';
import {
  Cascade,
  CascadeClients,
  grpcClients,
  LogRecord,
  Message,
  startCascade,
  timestamp,
} from '../support';

const RECORD_USAGE = 'cascade.metering.v1.UsageService/RecordUsage';

describe('the call log of metering', () => {
  let cascade: Cascade;
  let operator: CascadeClients;
  let tenant: Message;

  beforeAll(async () => {
    cascade = await startCascade({ database: 'sqlite', services: ['metering'] });
    operator = grpcClients(cascade.urls);
    tenant = await operator.tenants.CreateTenant({
      external_ref: 'acme',
      name: 'Acme',
      kind: 'TENANT_KIND_PROVIDER',
      currency: 'USD',
    });
    await operator.meters.CreateMeter({
      code: 'api.calls',
      name: 'API calls',
      unit: 'call',
      aggregation: 'AGGREGATION_SUM',
    });
  }, 120_000);

  afterAll(async () => {
    operator?.close();
    await cascade?.stop();
  }, 60_000);

  const callLines = (rpc: string): LogRecord[] =>
    cascade.logRecords('metering').filter((r) => r.rpc === rpc);

  test('one JSON line per call with the caller, the code, the duration and the trace', async () => {
    const created = await operator.apiKeys.CreateApiKey({
      tenant_id: tenant.id,
      role: 'ROLE_INGEST',
      name: 'log test',
    });
    const key = grpcClients(cascade.urls, { token: created.secret });
    const traceId = randomBytes(16).toString('hex');
    const events = Array.from({ length: 50 }, (_, i) => ({
      id: `log-${i}`,
      tenant_id: tenant.id,
      meter_code: i < 48 ? 'api.calls' : 'no.such.meter',
      quantity: '1',
      timestamp: timestamp('2026-10-02T00:00:00Z'),
    }));
    const result = await key.usage.RecordUsage(
      { events },
      { metadata: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
    );
    await expect(
      key.usage.RecordUsage({ events: [], batch_id: 'x'.repeat(500) }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    key.close();
    expect(result.accepted).toBe(48);

    const lines = callLines(RECORD_USAGE);
    expect(lines.map((l) => [l.level, l.service, l.code, l.caller, l.key_id, l.tenant_id])).toEqual(
      [
        ['info', 'metering', 'OK', 'key', created.api_key.id, tenant.id],
        ['info', 'metering', 'INVALID_ARGUMENT', 'key', created.api_key.id, tenant.id],
      ],
    );
    expect(lines[0].trace_id).toBe(traceId);
    expect(lines[0].msg).toBe(`${RECORD_USAGE} OK`);
    for (const line of lines) {
      expect(typeof line.duration_ms).toBe('number');
      expect(line.duration_ms as number).toBeGreaterThan(0);
      expect(Date.parse(String(line.time))).not.toBeNaN();
    }
    // 50 events, 2 rejected: still one line for the call, none per event.
    const everything = cascade.logRecords('metering').map((l) => JSON.stringify(l));
    expect(everything.filter((l) => l.includes('log-1'))).toEqual([]);
    expect(everything.filter((l) => l.includes(created.secret))).toEqual([]);
  });

  test('an operator call names the operator; no line holds a token', async () => {
    await operator.tenants.GetTenant({ id: tenant.id });
    const [line] = callLines('cascade.metering.v1.TenantService/GetTenant');
    expect(line).toMatchObject({ level: 'info', code: 'OK', caller: 'operator' });
    expect(line).not.toHaveProperty('key_id');
    const raw = cascade.logRecords('metering').map((l) => JSON.stringify(l));
    expect(raw.length).toBeGreaterThan(0);
    for (const secret of [cascade.adminToken, cascade.serviceToken])
      expect(raw.filter((l) => l.includes(secret))).toEqual([]);
    // Every line the service printed is JSON.
    expect(
      cascade
        .logs('metering')
        .split('\n')
        .filter((l) => /^\{/.test(l)),
    ).toEqual([]);
  });
});
