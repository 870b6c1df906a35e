/**
 * Seeds a provider → reseller → customer chain on running services, records
 * usage (with a duplicate that is counted once), bills the month and prints
 * both invoices. Safe to run repeatedly: every run uses fresh external refs.
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ApiKeyService,
  Aggregation,
  BillingModel,
  ChargeModel,
  Interval,
  Invoice,
  InvoiceService,
  InvoiceStatus,
  MeterService,
  PlanService,
  TenantKind,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bearerAuth, peerClient, peerUrl } from '@cascade/platform';
import { seedConsoleDemo } from './demo/console-world';

/** The operator's token: CASCADE_ADMIN_TOKEN, or the one npm start keeps in the data directory. */
function adminToken(): string {
  if (process.env.CASCADE_ADMIN_TOKEN) return process.env.CASCADE_ADMIN_TOKEN;
  const dataDir = process.env.CASCADE_DATA_DIR || path.resolve(__dirname, '..', 'data');
  const file = path.join(dataDir, 'admin-token');
  if (!fs.existsSync(file))
    throw new Error(`no CASCADE_ADMIN_TOKEN and no ${file}: start the services with npm start`);
  return fs.readFileSync(file, 'utf8').trim();
}

const auth = bearerAuth(adminToken());
const metering = { baseUrl: peerUrl('metering'), auth };
const tenants = peerClient(TenantService, metering);
const meters = peerClient(MeterService, metering);
const usage = peerClient(UsageService, metering);
const apiKeys = peerClient(ApiKeyService, metering);
const plans = peerClient(PlanService, { baseUrl: peerUrl('rating'), auth });
const invoices = peerClient(InvoiceService, {
  baseUrl: process.env.INVOICING_URL || peerUrl('invoicing'),
  auth,
});

const run = Date.now().toString(36);
const periodStart = new Date('2026-10-01T00:00:00Z');
const periodEnd = new Date('2026-11-01T00:00:00Z');
const at = (iso: string) => timestampFromDate(new Date(iso));

async function ensureMeter(code: string, name: string, unit: string): Promise<void> {
  const existing = await meters.listMeters({});
  if (existing.meters.some((m) => m.code === code)) return;
  await meters.createMeter({ code, name, unit, aggregation: Aggregation.SUM });
}

function table(invoice: Invoice, names: Map<string, string>): string {
  const rows = invoice.lines.map((l) => [l.description || l.meterCode, l.quantity, l.amount]);
  rows.push(
    ['Subtotal', '', invoice.subtotal],
    ['Tax', '', invoice.tax],
    ['Total', '', invoice.total],
  );
  rows.push(['Amount due', '', invoice.amountDue]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => r[i].length), ['Line', 'Quantity', 'Amount'][i].length),
  );
  const line = (cells: string[]) =>
    `| ${cells[0].padEnd(widths[0])} | ${cells[1].padStart(widths[1])} | ${cells[2].padStart(widths[2])} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const seller = names.get(invoice.sellerTenantId) ?? invoice.sellerTenantId;
  const buyer = names.get(invoice.buyerTenantId) ?? invoice.buyerTenantId;
  return [
    `\n${seller} → ${buyer}  (${invoice.currency}, ${InvoiceStatus[invoice.status]})`,
    line(['Line', 'Quantity', 'Amount']),
    rule,
    ...rows.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  await ensureMeter('compute.vcpu.hours', 'vCPU hours', 'vCPU-hour');
  await ensureMeter('storage.gb.hours', 'Storage GB hours', 'GB-hour');
  const provider = await tenants.createTenant({
    externalRef: `demo-provider-${run}`,
    name: 'Acme Cloud',
    kind: TenantKind.PROVIDER,
    currency: 'USD',
  });
  const reseller = await tenants.createTenant({
    parentId: provider.id,
    externalRef: `demo-reseller-${run}`,
    name: 'Blue Reseller',
    kind: TenantKind.RESELLER,
    currency: 'USD',
  });
  const customer = await tenants.createTenant({
    parentId: reseller.id,
    externalRef: `demo-customer-${run}`,
    name: 'Customer Co',
    kind: TenantKind.CUSTOMER,
    currency: 'USD',
  });
  const names = new Map([provider, reseller, customer].map((t) => [t.id, t.name]));

  const wholesale = await plans.createPlan({
    sellerTenantId: provider.id,
    code: 'wholesale',
    name: 'Wholesale',
    currency: 'USD',
    billingModel: BillingModel.PAYG,
    interval: Interval.MONTHLY,
    charges: [
      { meterCode: 'compute.vcpu.hours', model: ChargeModel.PER_UNIT, unitPrice: '0.02' },
      { meterCode: 'storage.gb.hours', model: ChargeModel.PER_UNIT, unitPrice: '0.0001' },
    ],
  });
  const retail = await plans.createPlan({
    sellerTenantId: reseller.id,
    code: 'retail',
    name: 'Retail',
    currency: 'USD',
    billingModel: BillingModel.PAYG,
    interval: Interval.MONTHLY,
    charges: [
      { meterCode: 'compute.vcpu.hours', model: ChargeModel.PER_UNIT, unitPrice: '0.035' },
      { meterCode: 'storage.gb.hours', model: ChargeModel.PER_UNIT, unitPrice: '0.00015' },
    ],
  });
  await plans.assignPlan({
    buyerTenantId: reseller.id,
    planId: wholesale.id,
    effectiveFrom: at('2026-01-01T00:00:00Z'),
  });
  await plans.assignPlan({
    buyerTenantId: customer.id,
    planId: retail.id,
    effectiveFrom: at('2026-01-01T00:00:00Z'),
  });

  const events = [
    {
      id: `${run}-1`,
      tenantExternalRef: customer.externalRef,
      meterCode: 'compute.vcpu.hours',
      quantity: '720',
      timestamp: at('2026-10-15T00:00:00Z'),
    },
    {
      id: `${run}-2`,
      tenantExternalRef: customer.externalRef,
      meterCode: 'storage.gb.hours',
      quantity: '36000',
      timestamp: at('2026-10-15T00:00:00Z'),
    },
    {
      id: `${run}-3`,
      tenantExternalRef: reseller.externalRef,
      meterCode: 'compute.vcpu.hours',
      quantity: '100.5',
      timestamp: at('2026-10-20T00:00:00Z'),
    },
  ];
  const first = await usage.recordUsage({ events });
  const replay = await usage.recordUsage({ events: events.slice(0, 1) });
  console.log(
    `usage: ${first.accepted} accepted; replaying one event again: ${replay.duplicates} duplicate (counted once)`,
  );

  const runResult = await invoices.runBilling({
    periodStart: timestampFromDate(periodStart),
    periodEnd: timestampFromDate(periodEnd),
  });
  console.log(
    `billing run for ${periodStart.toISOString().slice(0, 10)} – ${periodEnd.toISOString().slice(0, 10)}: ${runResult.invoiceIds.length} invoices in the installation`,
  );
  for (const buyer of [customer, reseller]) {
    const list = await invoices.listInvoices({
      buyerTenantId: buyer.id,
      periodStart: timestampFromDate(periodStart),
      periodEnd: timestampFromDate(periodEnd),
    });
    for (const invoice of list.invoices) console.log(table(invoice, names));
  }

  const world = await seedConsoleDemo({ tenants, usage, plans, invoices, apiKeys }, run);
  const consoleUrl =
    process.env.CONSOLE_URL || `http://127.0.0.1:${process.env.CONSOLE_PORT || 8080}`;
  console.log(
    [
      '',
      `console: ${consoleUrl} — ${world.provider.name} › Northwind Distribution › ${world.reseller.name} › …, September to November 2026`,
      `  sign in as the operator with the admin token (data/admin-token), or as`,
      `  the reseller ${world.reseller.name} (ADMIN): ${world.resellerKey}`,
      `  the customer ${world.customer.name} (VIEWER): ${world.customerKey}`,
      '  (the keys are shown this once)',
      `  Teal Games moved from Summit Systems to ${world.reseller.name} on 2026-10-15 and has no plan there yet:`,
      '  its usage since then is unpriced (Margins flags it); a late September event is billed in October',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error('are the services running? start them with: npm start');
  process.exit(1);
});
