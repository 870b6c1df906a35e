// Metering end to end: the service runs as its own process (node + swc, as `npm start`
// runs it) and is driven from outside, through an independent grpc-js client built
// from proto/ and once through Connect JSON over plain HTTP/2. The same body runs on
// the embedded SQLite and on PostgreSQL.
import {
  Cascade,
  CascadeClients,
  connectJson,
  BACKENDS,
  grpcClients,
  Message,
  startCascade,
  timestamp,
} from './support';

const JANUARY = { from: timestamp('2026-01-01T00:00:00Z'), to: timestamp('2026-02-01T00:00:00Z') };
const at = (iso: string) => timestamp(iso);

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`metering end to end on ${label}`, () => {
    let cascade: Cascade;
    let api: CascadeClients;
    let provider: Message;
    let reseller: Message;
    let customer: Message;

    beforeAll(async () => {
      // Metering alone: these tests need no peer, so a fault elsewhere cannot fail them.
      cascade = await startCascade({ database, services: ['metering'] });
      api = grpcClients(cascade.urls);
    }, 120_000);

    afterAll(async () => {
      api?.close();
      await cascade?.stop();
    }, 60_000);

    test('answers the standard health check over gRPC', async () => {
      await expect(api.health('metering')).resolves.toEqual({ status: 'SERVING' });
    });

    test('creates a provider → reseller → customer chain', async () => {
      provider = await api.tenants.CreateTenant({
        parent_id: '',
        external_ref: 'prov-1',
        name: 'Provider One',
        kind: 'TENANT_KIND_PROVIDER',
        currency: 'USD',
      });
      expect(provider).toMatchObject({
        parent_id: '',
        external_ref: 'prov-1',
        name: 'Provider One',
        kind: 'TENANT_KIND_PROVIDER',
        currency: 'USD',
        status: 'TENANT_STATUS_ACTIVE',
        path: [provider.id],
      });
      expect(provider.id).toEqual(expect.any(String));
      expect(provider.id).not.toBe('');

      reseller = await api.tenants.CreateTenant({
        parent_id: provider.id,
        external_ref: 'res-1',
        name: 'Reseller One',
        kind: 'TENANT_KIND_RESELLER',
        currency: 'USD',
      });
      expect(reseller).toMatchObject({
        parent_id: provider.id,
        kind: 'TENANT_KIND_RESELLER',
        currency: 'USD',
        path: [provider.id, reseller.id],
      });

      customer = await api.tenants.CreateTenant({
        parent_id: reseller.id,
        external_ref: 'cust-1',
        name: 'Customer One',
        kind: 'TENANT_KIND_CUSTOMER',
        currency: 'USD',
      });
      expect(customer).toMatchObject({
        parent_id: reseller.id,
        external_ref: 'cust-1',
        kind: 'TENANT_KIND_CUSTOMER',
        status: 'TENANT_STATUS_ACTIVE',
        path: [provider.id, reseller.id, customer.id],
      });
      expect(new Set([provider.id, reseller.id, customer.id]).size).toBe(3);
    });

    test('reads a tenant by id and by external_ref', async () => {
      await expect(api.tenants.GetTenant({ id: customer.id })).resolves.toEqual(customer);
      await expect(api.tenants.GetTenant({ external_ref: 'cust-1' })).resolves.toEqual(customer);
      await expect(api.tenants.GetTenant({ external_ref: 'res-1' })).resolves.toEqual(reseller);
    });

    test('creates meters and lists them', async () => {
      const vcpu = await api.meters.CreateMeter({
        code: 'compute.vcpu_hours',
        name: 'vCPU hours',
        unit: 'h',
        aggregation: 'AGGREGATION_SUM',
      });
      expect(vcpu).toEqual({
        code: 'compute.vcpu_hours',
        name: 'vCPU hours',
        unit: 'h',
        aggregation: 'AGGREGATION_SUM',
        property: '',
      });
      await api.meters.CreateMeter({
        code: 'storage.gb',
        name: 'Storage',
        unit: 'GB',
        aggregation: 'AGGREGATION_MAX',
      });
      const { meters } = await api.meters.ListMeters({});
      expect(meters).toEqual([
        vcpu,
        {
          code: 'storage.gb',
          name: 'Storage',
          unit: 'GB',
          aggregation: 'AGGREGATION_MAX',
          property: '',
        },
      ]);
    });

    test('records usage: duplicates inside a batch and across batches count once, bad events are rejected with reasons', async () => {
      const vcpu = 'compute.vcpu_hours';
      const events = [
        { id: 'e1', tenant_id: customer.id, meter_code: vcpu, quantity: '0.1' },
        { id: 'e2', tenant_external_ref: 'cust-1', meter_code: vcpu, quantity: '0.2' },
        { id: 'e1', tenant_id: customer.id, meter_code: vcpu, quantity: '0.1' },
        { id: 'e3', tenant_id: reseller.id, meter_code: vcpu, quantity: '5' },
        { id: 'e4', tenant_external_ref: 'prov-1', meter_code: vcpu, quantity: '100' },
        { id: 'bad-tenant', tenant_external_ref: 'nobody', meter_code: vcpu, quantity: '1' },
        { id: 'bad-quantity', tenant_id: customer.id, meter_code: vcpu, quantity: '1e5' },
        { id: 'bad-meter', tenant_id: customer.id, meter_code: 'no.such.meter', quantity: '1' },
      ].map((e, i) => ({
        ...e,
        // The second e1 is a resend: the same event again, word for word.
        timestamp: at(`2026-01-1${e.id === 'e1' ? 0 : i}T12:00:00Z`),
        resource_id: `vm-${e.id === 'e1' ? 0 : i}`,
      }));
      const NO_CONFLICTS = { conflicts: 0, conflicting: [] };
      const rejected = [
        { index: 5, event_id: 'bad-tenant', reason: 'tenant: unknown tenant "nobody"' },
        { index: 6, event_id: 'bad-quantity', reason: expect.stringMatching(/^quantity:/) },
        { index: 7, event_id: 'bad-meter', reason: 'meter_code: unknown meter "no.such.meter"' },
      ];

      const first = await api.usage.RecordUsage({ events, batch_id: 'b1' });
      expect(first).toEqual({
        ...NO_CONFLICTS,
        accepted: 4,
        duplicates: 1,
        rejected,
        batch_id: 'b1',
      });

      const again = await api.usage.RecordUsage({ events, batch_id: 'b2' });
      expect(again).toEqual({
        ...NO_CONFLICTS,
        accepted: 0,
        duplicates: 5,
        rejected,
        batch_id: 'b2',
      });
    });

    test('an id sent again with a different payload is a conflict with its reason, not a duplicate, and changes nothing', async () => {
      const e1 = {
        id: 'e1',
        tenant_id: customer.id,
        meter_code: 'compute.vcpu_hours',
        quantity: '0.1',
        timestamp: at('2026-01-10T12:00:00Z'),
        resource_id: 'vm-0',
      };
      // A new id, in February so January's totals below stay as they are.
      const fresh = { ...e1, id: 'e-new', quantity: '2', timestamp: at('2026-02-10T12:00:00Z') };
      const answer = await api.usage.RecordUsage({
        batch_id: 'b3',
        events: [
          { ...e1, quantity: '0.7' },
          e1,
          fresh,
          { ...fresh, timestamp: at('2026-02-10T12:00:01Z') },
        ],
      });
      expect(answer).toEqual({
        accepted: 1,
        duplicates: 1,
        conflicts: 2,
        conflicting: [
          {
            index: 0,
            event_id: 'e1',
            reason:
              'id: "e1" was recorded before with a different quantity; the first stays counted',
          },
          {
            index: 3,
            event_id: 'e-new',
            reason:
              'id: "e-new" was recorded before with a different timestamp; the first stays counted',
          },
        ],
        rejected: [],
        batch_id: 'b3',
      });
    });

    test('queries exact decimal totals for a tenant, its subtree and the whole tree', async () => {
      const total = async (tenant: Message, includeDescendants: boolean) => {
        const answer = await api.usage.QueryUsage({
          tenant_id: tenant.id,
          meter_code: 'compute.vcpu_hours',
          ...JANUARY,
          include_descendants: includeDescendants,
        });
        expect(answer.unit).toBe('h');
        return answer.total;
      };
      await expect(total(customer, false)).resolves.toBe('0.3'); // 0.1 + 0.2, not 0.30000000000000004
      await expect(total(reseller, false)).resolves.toBe('5');
      await expect(total(reseller, true)).resolves.toBe('5.3');
      await expect(total(provider, false)).resolves.toBe('100');
      await expect(total(provider, true)).resolves.toBe('105.3');
    });

    test('rejects bad input with the right gRPC codes and messages naming the field', async () => {
      const tenant = (overrides: Message) =>
        api.tenants.CreateTenant({
          parent_id: provider.id,
          external_ref: 'new-ref',
          name: 'New',
          kind: 'TENANT_KIND_CUSTOMER',
          currency: 'USD',
          ...overrides,
        });

      await expect(tenant({ currency: 'XXX' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: expect.stringMatching(/^currency: .*"XXX"/),
      });
      await expect(tenant({ parent_id: 'no-such-parent' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: expect.stringContaining('no-such-parent'),
      });
      await expect(tenant({ external_ref: 'cust-1' })).rejects.toMatchObject({
        code: 'ALREADY_EXISTS',
        details: expect.stringMatching(/^external_ref: /),
      });
      await expect(
        api.tenants.MoveTenant({
          id: reseller.id,
          new_parent_id: customer.id,
          effective_at: timestamp(new Date()),
        }),
      ).rejects.toMatchObject({
        code: 'FAILED_PRECONDITION',
        details: expect.stringMatching(/^new_parent_id: /),
      });
      // Nothing of the above changed anything.
      await expect(api.tenants.GetTenant({ id: reseller.id })).resolves.toEqual(reseller);
      await expect(api.tenants.GetTenant({ external_ref: 'new-ref' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    test('answers Connect JSON over plain HTTP/2', async () => {
      const response = await connectJson(
        cascade.urls.metering,
        'cascade.metering.v1.MeterService/ListMeters',
        {},
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json');
      // Proto3 JSON: lowerCamel names, enum names, default values (property "") left out.
      expect(response.body).toEqual({
        meters: [
          {
            code: 'compute.vcpu_hours',
            name: 'vCPU hours',
            unit: 'h',
            aggregation: 'AGGREGATION_SUM',
          },
          { code: 'storage.gb', name: 'Storage', unit: 'GB', aggregation: 'AGGREGATION_MAX' },
        ],
      });
    });
  });
}
