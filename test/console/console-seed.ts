import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  ApiKeyService,
  BillingModel,
  ChargeModel,
  Interval,
  InvoiceService,
  MeterService,
  PlanService,
  Role,
  TenantKind,
  TenantService,
  UsageService,
  type Invoice,
  type Tenant,
} from '@cascade/contracts';
import type { Cascade } from '../support';
import { ConnectClients } from '../support';

const at = (iso: string) => timestampFromDate(new Date(iso));
export const OCTOBER = {
  periodStart: at('2026-10-01T00:00:00Z'),
  periodEnd: at('2026-11-01T00:00:00Z'),
};
export const NOVEMBER = {
  periodStart: at('2026-11-01T00:00:00Z'),
  periodEnd: at('2026-12-01T00:00:00Z'),
};

export interface ConsoleWorld {
  tenants: Record<'acme' | 'northwind' | 'blue' | 'cobalt' | 'green' | 'jade' | 'indigo', Tenant>;
  /** Invoices of October by "seller→buyer" external refs. */
  invoices: Record<string, Invoice>;
  keys: { blueAdmin: string; cobaltViewer: string };
}

/**
 * Acme (provider) › Northwind (distributor) › Blue and Green (sibling resellers) ›
 * Cobalt, Jade and Indigo (their customers), one meter, a price on every edge but
 * Green's to Indigo, October's
 * usage and a billing run: every invoice is a DRAFT when the tests start.
 */
export async function seedConsoleWorld(cascade: Cascade): Promise<ConsoleWorld> {
  const api = new ConnectClients(cascade.urls, cascade.adminToken);
  try {
    const tenants = api.client('metering', TenantService);
    const make = (parent: Tenant | undefined, ref: string, name: string, kind: TenantKind) =>
      tenants.createTenant({
        parentId: parent?.id ?? '',
        externalRef: ref,
        name,
        kind,
        currency: 'USD',
      });
    const acme = await make(undefined, 'acme', 'Acme Cloud', TenantKind.PROVIDER);
    const northwind = await make(
      acme,
      'northwind',
      'Northwind Distribution',
      TenantKind.DISTRIBUTOR,
    );
    const blue = await make(northwind, 'blue', 'Blue Reseller', TenantKind.RESELLER);
    const green = await make(northwind, 'green', 'Green Reseller', TenantKind.RESELLER);
    const cobalt = await make(blue, 'cobalt', 'Cobalt Customer', TenantKind.CUSTOMER);
    const jade = await make(green, 'jade', 'Jade Customer', TenantKind.CUSTOMER);
    // Green sells Indigo nothing yet: its usage is the run's unpriced usage.
    const indigo = await make(green, 'indigo', 'Indigo Customer', TenantKind.CUSTOMER);
    await api.client('metering', MeterService).createMeter({
      code: 'compute.vcpu_hours',
      name: 'vCPU hours',
      unit: 'vCPU-h',
      aggregation: Aggregation.SUM,
    });
    const plans = api.client('rating', PlanService);
    const sell = async (seller: Tenant, buyers: Tenant[], code: string, unitPrice: string) => {
      const plan = await plans.createPlan({
        sellerTenantId: seller.id,
        code,
        name: code,
        currency: 'USD',
        billingModel: BillingModel.PAYG,
        interval: Interval.MONTHLY,
        charges: [{ meterCode: 'compute.vcpu_hours', model: ChargeModel.PER_UNIT, unitPrice }],
      });
      for (const b of buyers) {
        await plans.assignPlan({
          buyerTenantId: b.id,
          planId: plan.id,
          effectiveFrom: at('2026-01-01T00:00:00Z'),
        });
      }
    };
    await sell(acme, [northwind], 'wholesale', '0.01');
    await sell(northwind, [blue, green], 'channel', '0.015');
    await sell(blue, [cobalt], 'blue-retail', '0.02');
    await sell(green, [jade], 'green-retail', '0.025');
    const event = (id: string, t: Tenant, quantity: string, resourceId: string, iso: string) => ({
      id,
      tenantId: t.id,
      meterCode: 'compute.vcpu_hours',
      quantity,
      resourceId,
      timestamp: at(iso),
    });
    await api.client('metering', UsageService).recordUsage({
      events: [
        event('c-1', cobalt, '100', 'vm-cobalt-1', '2026-10-03T10:00:00Z'),
        event('c-2', cobalt, '50', 'vm-cobalt-2', '2026-10-17T10:00:00Z'),
        event('b-1', blue, '10', 'vm-blue-own', '2026-10-20T10:00:00Z'),
        event('j-1', jade, '70', 'vm-jade-1', '2026-10-09T10:00:00Z'),
        event('i-1', indigo, '5', 'vm-indigo-1', '2026-10-11T10:00:00Z'),
      ],
    });
    const billing = api.client('invoicing', InvoiceService);
    const run = await billing.runBilling(OCTOBER);
    const byRef = new Map(
      [acme, northwind, blue, green, cobalt, jade, indigo].map((t) => [t.id, t.externalRef]),
    );
    const list = await Promise.all(run.invoiceIds.map((id) => billing.getInvoice({ id })));
    const invoices = Object.fromEntries(
      list.map((i) => [`${byRef.get(i.sellerTenantId)}→${byRef.get(i.buyerTenantId)}`, i]),
    );
    const apiKeys = api.client('metering', ApiKeyService);
    const blueAdmin = await apiKeys.createApiKey({
      tenantId: blue.id,
      role: Role.ADMIN,
      name: 'blue admin',
    });
    const cobaltViewer = await apiKeys.createApiKey({
      tenantId: cobalt.id,
      role: Role.VIEWER,
      name: 'cobalt viewer',
    });
    return {
      tenants: { acme, northwind, blue, cobalt, green, jade, indigo },
      invoices,
      keys: { blueAdmin: blueAdmin.secret, cobaltViewer: cobaltViewer.secret },
    };
  } finally {
    api.close();
  }
}
