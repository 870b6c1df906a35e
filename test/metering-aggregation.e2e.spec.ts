// Metering's aggregations through the wire: the published Lago examples, a
// time-weighted gauge in hours split at window boundaries, series and groups,
// streaming ingest with ordered acknowledgements, and attribution across a move.
import * as grpc from '@grpc/grpc-js';
import {
  BACKENDS,
  Cascade,
  CascadeClients,
  grpcClients,
  Message,
  serviceDefinition,
  startCascade,
  timestamp,
} from './support';

const MARCH = { from: timestamp('2026-03-01T00:00:00Z'), to: timestamp('2026-04-01T00:00:00Z') };

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`metering aggregations end to end on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    let provider: Message;
    let resellerA: Message;
    let resellerB: Message;
    let customer: Message;

    const tenant = (parent: Message | undefined, ref: string, kind: string) =>
      api.tenants.CreateTenant({
        parent_id: parent?.id ?? '',
        external_ref: ref,
        name: ref,
        kind,
        currency: 'USD',
      });
    const total = async (meter: string, tenantId: string, window = MARCH, extra: Message = {}) =>
      (
        await api.usage.QueryUsage({
          tenant_id: tenantId,
          meter_code: meter,
          ...window,
          include_descendants: true,
          ...extra,
        })
      ).total;

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering'] });
      api = grpcClients(cascade.urls);
      provider = await tenant(undefined, 'prov', 'TENANT_KIND_PROVIDER');
      resellerA = await tenant(provider, 'ra', 'TENANT_KIND_RESELLER');
      resellerB = await tenant(provider, 'rb', 'TENANT_KIND_RESELLER');
      customer = await tenant(resellerA, 'cust', 'TENANT_KIND_CUSTOMER');
      for (const [code, aggregation, property] of [
        ['pageviews.sum', 'AGGREGATION_SUM', ''],
        ['pageviews.count', 'AGGREGATION_COUNT', ''],
        ['pageviews.max', 'AGGREGATION_MAX', ''],
        ['pageviews.users', 'AGGREGATION_UNIQUE_COUNT', 'user'],
        ['pageviews.latest', 'AGGREGATION_LATEST', ''],
        ['storage.gb', 'AGGREGATION_TIME_WEIGHTED', ''],
      ]) {
        await api.meters.CreateMeter({ code, name: code, unit: 'u', aggregation, property });
      }
    }, 120_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    test('reproduces Lago’s billable-metric examples: COUNT 2, SUM 30, MAX 20, UNIQUE_COUNT 1, LATEST 10', async () => {
      const events = ['sum', 'count', 'max', 'users', 'latest'].flatMap((m) => [
        {
          id: `${m}-1`,
          tenant_id: customer.id,
          meter_code: `pageviews.${m}`,
          quantity: '20',
          timestamp: timestamp('2026-03-02T00:00:00Z'),
          properties: { user: 'u1' },
        },
        {
          id: `${m}-2`,
          tenant_id: customer.id,
          meter_code: `pageviews.${m}`,
          quantity: '10',
          timestamp: timestamp('2026-03-03T00:00:00Z'),
          properties: { user: 'u1' },
        },
      ]);
      expect((await api.usage.RecordUsage({ events })).accepted).toBe(10);
      const answers = await Promise.all(
        ['count', 'sum', 'max', 'users', 'latest'].map((m) => total(`pageviews.${m}`, customer.id)),
      );
      expect(answers).toEqual(['2', '30', '20', '1', '10']);
    });

    test('reproduces Lago’s weighted sum: 0 → 20 GB on the 16th → 30 GB on the 17th is 11,280 GB-hours in March', async () => {
      const gauge = (id: string, quantity: string, at: string) => ({
        id,
        tenant_id: customer.id,
        meter_code: 'storage.gb',
        quantity,
        timestamp: timestamp(at),
        resource_id: 'vol-1',
      });
      await api.usage.RecordUsage({
        events: [
          gauge('g1', '0', '2026-03-01T00:00:00Z'),
          gauge('g2', '20', '2026-03-16T00:00:00Z'),
          gauge('g3', '30', '2026-03-17T00:00:00Z'),
        ],
      });
      expect(await total('storage.gb', customer.id)).toBe('11280');
      // split exactly at a boundary inside the month, and still open at the window's end
      const firstHalf = { from: MARCH.from, to: timestamp('2026-03-16T12:00:00Z') };
      const secondHalf = { from: timestamp('2026-03-16T12:00:00Z'), to: MARCH.to };
      expect([
        await total('storage.gb', customer.id, firstHalf),
        await total('storage.gb', customer.id, secondHalf),
      ]).toEqual(['240', '11040']);
    });

    test('gives a daily series and groups by child tenant', async () => {
      const answer = await api.usage.QueryUsage({
        tenant_id: provider.id,
        meter_code: 'storage.gb',
        from: timestamp('2026-03-15T00:00:00Z'),
        to: timestamp('2026-03-18T00:00:00Z'),
        include_descendants: true,
        granularity: 'GRANULARITY_DAY',
        group_by: 'GROUP_BY_CHILD_TENANT',
      });
      expect(answer.series.map((p: Message) => p.value)).toEqual(['0', '480', '720']);
      expect(answer.groups).toEqual([{ key: resellerA.id, value: '1200' }]);
    });

    test('acknowledges streamed batches in order, each counted once', async () => {
      const method = serviceDefinition('cascade.metering.v1.UsageService')
        .StreamUsage as grpc.MethodDefinition<Message, Message>;
      const call = api.channels.metering.makeBidiStreamRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
      );
      const acks: Message[] = [];
      const done = new Promise<void>((resolve, reject) => {
        call.on('data', (ack: Message) => acks.push(ack));
        call.on('error', reject);
        call.on('end', resolve);
      });
      for (let b = 0; b < 5; b++) {
        const events = Array.from({ length: 100 }, (_, i) => ({
          id: `s-${b * 50 + i}`, // overlapping ids: half of every batch after the first repeats the previous one
          tenant_id: resellerB.id,
          meter_code: 'pageviews.sum',
          quantity: '0.5',
          timestamp: timestamp('2026-03-10T00:00:00Z'),
        }));
        call.write({ batch_id: `b${b}`, events });
      }
      call.end();
      await done;
      expect(acks.map((a) => [a.batch_id, a.accepted, a.duplicates])).toEqual([
        ['b0', 100, 0],
        ['b1', 50, 50],
        ['b2', 50, 50],
        ['b3', 50, 50],
        ['b4', 50, 50],
      ]);
      expect(await total('pageviews.sum', resellerB.id)).toBe('150');
    });

    test('attributes usage as of event time when a customer moves between resellers', async () => {
      await api.usage.RecordUsage({
        events: [
          {
            id: 'mv-1',
            tenant_id: customer.id,
            meter_code: 'pageviews.sum',
            quantity: '7',
            timestamp: timestamp('2026-03-20T00:00:00Z'),
          },
          {
            id: 'mv-2',
            tenant_id: customer.id,
            meter_code: 'pageviews.sum',
            quantity: '11',
            timestamp: timestamp('2026-03-25T00:00:00Z'),
          },
        ],
      });
      await api.tenants.MoveTenant({
        id: customer.id,
        new_parent_id: resellerB.id,
        effective_at: timestamp('2026-03-22T00:00:00Z'),
      });
      // a late event from before the move still belongs to the old chain
      await api.usage.RecordUsage({
        events: [
          {
            id: 'mv-3',
            tenant_id: customer.id,
            meter_code: 'pageviews.sum',
            quantity: '3',
            timestamp: timestamp('2026-03-21T00:00:00Z'),
          },
        ],
      });
      const viaA = await total('pageviews.sum', customer.id, MARCH, {
        attributed_parent_id: resellerA.id,
      });
      const viaB = await total('pageviews.sum', customer.id, MARCH, {
        attributed_parent_id: resellerB.id,
      });
      // 30 (Lago events) + 7 + 3 before the move under A; 11 after it under B
      expect([viaA, viaB]).toEqual(['40', '11']);
      const history = await api.tenants.GetTenantHistory({ id: customer.id });
      expect(history.parents.map((p: Message) => p.parent_id)).toEqual([
        resellerA.id,
        resellerB.id,
      ]);
      // the open gauge follows the customer: 30 GB from the move to the end of March is 30 × 240 h
      const gaugeViaB = await total('storage.gb', customer.id, MARCH, {
        attributed_parent_id: resellerB.id,
      });
      expect(gaugeViaB).toBe('7200');
    });

    test('refuses a move under the tenant’s own subtree and writes nothing', async () => {
      await expect(
        api.tenants.MoveTenant({
          id: resellerB.id,
          new_parent_id: customer.id,
          effective_at: timestamp('2026-03-28T00:00:00Z'),
        }),
      ).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
      const history = await api.tenants.GetTenantHistory({ id: resellerB.id });
      expect(history.parents.map((p: Message) => p.parent_id)).toEqual([provider.id]);
    });
  });
}
