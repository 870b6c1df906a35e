/**
 * The part of `npm run demo` that gives the console something to show: five
 * tiers (provider › distributor › resellers › a sub-reseller › customers),
 * three months of usage on several resources, a customer moved between
 * resellers mid-October, a late September event billed after September was
 * finalized, and API keys to sign in as a reseller and as a customer.
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ApiKeyService,
  BillingModel,
  ChargeModel,
  Interval,
  InvoiceService,
  PlanService,
  Role,
  TenantKind,
  TenantService,
  UsageService,
  type Tenant,
} from '@cascade/contracts';
import type { Client } from '@connectrpc/connect';

export interface DemoClients {
  tenants: Client<typeof TenantService>;
  usage: Client<typeof UsageService>;
  plans: Client<typeof PlanService>;
  invoices: Client<typeof InvoiceService>;
  apiKeys: Client<typeof ApiKeyService>;
}

const at = (iso: string) => timestampFromDate(new Date(iso));
const MONTHS = ['2026-09', '2026-10', '2026-11'];
const monthStart = (m: string) => new Date(`${m}-01T00:00:00Z`);
const nextMonth = (m: string) => {
  const d = monthStart(m);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
};

export async function seedConsoleDemo(api: DemoClients, run: string) {
  const make = (parent: Tenant | undefined, ref: string, name: string, kind: TenantKind) =>
    api.tenants.createTenant({
      parentId: parent?.id ?? '',
      externalRef: `${ref}-${run}`,
      name,
      kind,
      currency: 'USD',
    });
  const nimbus = await make(undefined, 'nimbus', 'Nimbus Cloud', TenantKind.PROVIDER);
  const northwind = await make(
    nimbus,
    'northwind',
    'Northwind Distribution',
    TenantKind.DISTRIBUTOR,
  );
  const harbor = await make(northwind, 'harbor', 'Harbor IT', TenantKind.RESELLER);
  const summit = await make(northwind, 'summit', 'Summit Systems', TenantKind.RESELLER);
  const partners = await make(harbor, 'harbor-partners', 'Harbor Partners', TenantKind.RESELLER);
  const cobalt = await make(harbor, 'cobalt', 'Cobalt Labs', TenantKind.CUSTOMER);
  const indigo = await make(partners, 'indigo', 'Indigo Retail', TenantKind.CUSTOMER);
  const jade = await make(summit, 'jade', 'Jade Studio', TenantKind.CUSTOMER);
  const teal = await make(summit, 'teal', 'Teal Games', TenantKind.CUSTOMER);

  const sell = async (
    seller: Tenant,
    buyers: Tenant[],
    code: string,
    [vcpu, vcpuBeyond]: [string, string],
    gb: string,
  ) => {
    const plan = await api.plans.createPlan({
      sellerTenantId: seller.id,
      code,
      name: code,
      currency: 'USD',
      billingModel: BillingModel.PAYG,
      interval: Interval.MONTHLY,
      charges: [
        {
          meterCode: 'compute.vcpu.hours',
          model: ChargeModel.GRADUATED,
          tiers: [
            { upTo: '1000', unitPrice: vcpu },
            { upTo: '', unitPrice: vcpuBeyond },
          ],
        },
        { meterCode: 'storage.gb.hours', model: ChargeModel.PER_UNIT, unitPrice: gb },
      ],
    });
    for (const b of buyers) {
      await api.plans.assignPlan({
        buyerTenantId: b.id,
        planId: plan.id,
        effectiveFrom: at('2026-01-01T00:00:00Z'),
      });
    }
  };
  await sell(nimbus, [northwind], 'nimbus-wholesale', ['0.0150', '0.0120'], '0.00008');
  await sell(northwind, [harbor, summit], 'northwind-channel', ['0.0200', '0.0160'], '0.00010');
  await sell(harbor, [partners, cobalt], 'harbor-retail', ['0.0300', '0.0240'], '0.00014');
  await sell(partners, [indigo], 'partners-retail', ['0.0350', '0.0280'], '0.00016');
  await sell(summit, [jade, teal], 'summit-retail', ['0.0280', '0.0224'], '0.00013');

  // Teal moves from Summit to Harbor in the middle of October: earlier usage stays with Summit.
  await api.tenants.moveTenant({
    id: teal.id,
    newParentId: harbor.id,
    effectiveAt: at('2026-10-15T00:00:00Z'),
  });

  const users: [Tenant, string, number][] = [
    [cobalt, 'vm-cobalt', 3],
    [indigo, 'vm-indigo', 2],
    [jade, 'vm-jade', 2],
    [teal, 'vm-teal', 2],
    [harbor, 'vm-harbor-ops', 1],
  ];
  const events = [];
  for (const [m, month] of MONTHS.entries()) {
    for (const [tenant, prefix, machines] of users) {
      for (let vm = 1; vm <= machines; vm++) {
        for (const day of ['03', '12', '19', '26']) {
          events.push({
            id: `${run}-${tenant.externalRef}-${month}-${vm}-${day}`,
            tenantId: tenant.id,
            meterCode: 'compute.vcpu.hours',
            quantity: String(40 + 15 * vm + 10 * m + Number(day)),
            resourceId: `${prefix}-${vm}`,
            timestamp: at(`${month}-${day}T09:00:00Z`),
          });
        }
        events.push({
          id: `${run}-${tenant.externalRef}-${month}-${vm}-disk`,
          tenantId: tenant.id,
          meterCode: 'storage.gb.hours',
          quantity: String(36000 * vm),
          resourceId: `${prefix}-${vm}-disk`,
          timestamp: at(`${month}-15T00:00:00Z`),
        });
      }
    }
  }
  await api.usage.recordUsage({ events });

  const bill = (m: string) =>
    api.invoices.runBilling({
      periodStart: timestampFromDate(monthStart(m)),
      periodEnd: timestampFromDate(nextMonth(m)),
    });
  const september = await bill('2026-09');
  for (const id of september.invoiceIds)
    await api.invoices.finalizeInvoice({ id }).catch(() => undefined);
  // A late event for September, recorded after September was finalized: October's invoice adjusts for it.
  await api.usage.recordUsage({
    events: [
      {
        id: `${run}-late-cobalt`,
        tenantId: cobalt.id,
        meterCode: 'compute.vcpu.hours',
        quantity: '250',
        resourceId: 'vm-cobalt-1',
        timestamp: at('2026-09-28T12:00:00Z'),
      },
    ],
  });
  await bill('2026-10');
  await bill('2026-11');

  const reseller = await api.apiKeys.createApiKey({
    tenantId: harbor.id,
    role: Role.ADMIN,
    name: 'demo reseller admin',
  });
  const customer = await api.apiKeys.createApiKey({
    tenantId: cobalt.id,
    role: Role.VIEWER,
    name: 'demo customer viewer',
  });
  return {
    provider: nimbus,
    reseller: harbor,
    customer: cobalt,
    resellerKey: reseller.secret,
    customerKey: customer.secret,
  };
}
