import { createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ChargeModel,
  InvoiceService,
  LineKind,
  PlanService,
  TenantKind,
  BillingModel,
  Interval,
} from '@cascade/contracts';
import {
  MeteringAdmin,
  ServiceProcess,
  TEST_ADMIN_TOKEN,
  waitFor,
} from '@cascade/plugin-sdk/testing';
import * as fs from 'node:fs';
import { startAdapter } from './adapter-process';
import { memoryLogger, publishAll, tempDir, testConfig } from './testing/harness';
import { cinder, floatingIp, nova, PROJECTS } from './testing/notifications';
import { rabbitOrWarn, TestBroker, uniqueNames } from './testing/rabbit';

const APRIL = { start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-05-01T00:00:00Z') };

describe('OpenStack notifications through to an invoice', () => {
  it('bills a month of VM, volume and floating IP notifications exactly', async () => {
    if (!(await rabbitOrWarn())) return;
    const services: ServiceProcess[] = [];
    const sessions: Http2SessionManager[] = [];
    const names = uniqueNames('invoice');
    const spoolDir = tempDir('invoice');
    const broker = await TestBroker.open();
    const admin: MeteringAdmin[] = [];
    let stopAdapter: () => Promise<void> = async () => undefined;
    try {
      const metering = await ServiceProcess.create('metering');
      const rating = await ServiceProcess.create('rating', { METERING_URL: metering.url });
      const invoicing = await ServiceProcess.create('invoicing', {
        METERING_URL: metering.url,
        RATING_URL: rating.url,
      });
      services.push(metering, rating, invoicing);
      // Peers are only called per request, so the three can start together.
      await Promise.all(services.map((s) => s.start()));
      const client = <S extends Parameters<typeof createClient>[0]>(service: S, url: string) => {
        const session = new Http2SessionManager(url);
        sessions.push(session);
        return createClient(
          service,
          createGrpcTransport({
            baseUrl: url,
            sessionManager: session,
            interceptors: [
              (next) => (request) => {
                request.header.set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
                return next(request);
              },
            ],
          }),
        );
      };
      const plans = client(PlanService, rating.url);
      const invoices = client(InvoiceService, invoicing.url);
      const tenants = new MeteringAdmin(metering.url);
      admin.push(tenants);

      const provider = await tenants.createTenant('acme-cloud', { kind: TenantKind.PROVIDER });
      const customer = await tenants.createTenant(PROJECTS.versioned, { parentId: provider });
      // One customer owns the samples' three projects, through the adapter's tenant map.
      const adapter = await startAdapter(
        {
          ...testConfig(names, metering, spoolDir),
          tenants: {
            map: { [PROJECTS.cinder]: PROJECTS.versioned, [PROJECTS.neutron]: PROJECTS.versioned },
          },
        },
        { logger: memoryLogger() },
      );
      stopAdapter = () => adapter.stop();

      const perUnit = (meterCode: string, unitPrice: string) => ({
        meterCode,
        model: ChargeModel.PER_UNIT,
        unitPrice,
      });
      const plan = await plans.createPlan({
        sellerTenantId: provider,
        code: 'openstack-payg',
        name: 'OpenStack pay as you go',
        currency: 'USD',
        billingModel: BillingModel.PAYG,
        interval: Interval.MONTHLY,
        charges: [
          perUnit('compute.vcpu', '0.04'),
          perUnit('compute.memory.gb', '0.005'),
          perUnit('compute.disk.gb', '0.0001'),
          perUnit('storage.volume.gb', '0.0002'),
          perUnit('network.floatingip', '0.005'),
        ],
      });
      await plans.assignPlan({
        buyerTenantId: customer,
        planId: plan.id,
        effectiveFrom: timestampFromDate(new Date('2026-01-01T00:00:00Z')),
      });

      const day = (d: number) => `2026-04-${String(d).padStart(2, '0')}T00:00:00Z`;
      const messages = [
        nova('instance-create-end', day(1)), // 1 vCPU, 0.5 GB, 1 GB root for 240 h
        nova('instance-delete-end', day(11)),
        cinder('NOTIFICATION_VOLUME_CREATE_END', day(1)), // 1 GB for 480 h
        cinder('NOTIFICATION_VOLUME_DELETE_END', day(21)),
        floatingIp(day(1)), // still allocated at the end of April: 720 h
      ];
      await publishAll(broker, names, messages);
      await waitFor('every notification acknowledged', () => {
        return adapter.counters().acknowledged === messages.length;
      });
      await adapter.client.drained();

      await invoices.runBilling({
        periodStart: timestampFromDate(APRIL.start),
        periodEnd: timestampFromDate(APRIL.end),
      });
      const { invoices: list } = await invoices.listInvoices({ buyerTenantId: customer });
      expect(list).toHaveLength(1);
      const invoice = list[0];
      const usage = (invoice?.lines ?? [])
        .filter((l) => l.kind === LineKind.USAGE)
        .map((l) => [l.meterCode, l.quantity, l.amount])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
      expect(usage).toEqual([
        ['compute.disk.gb', '240', '0.02'], // 0.024
        ['compute.memory.gb', '120', '0.60'],
        ['compute.vcpu', '240', '9.60'],
        ['network.floatingip', '720', '3.60'],
        ['storage.volume.gb', '480', '0.10'], // 0.096
      ]);
      expect(invoice?.total).toBe('13.92');
      expect(invoice?.sellerTenantId).toBe(provider);
    } finally {
      await stopAdapter();
      for (const session of sessions) session.abort();
      for (const a of admin) a.close();
      await Promise.all(services.map((s) => s.dispose()));
      await broker.remove(names).catch(() => undefined);
      await broker.close();
      fs.rmSync(spoolDir, { recursive: true, force: true });
    }
    // Three services start in parallel; on a loaded 2-core machine that alone can take 20 s.
  }, 90_000);
});
