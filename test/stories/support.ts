// Shared by the billing stories: one Cascade (three real service processes) per story
// file, an independent grpc-js client, and the DESIGN invariants every story checks.
import { Dec, formatMoney, sum } from '@cascade/money';
import {
  Cascade,
  CascadeClients,
  DatabaseKind,
  grpcClients,
  Message,
  startCascade,
  timestamp,
} from '../support';

export { timestamp };
export type { Message };

export interface World {
  cascade: Cascade;
  api: CascadeClients;
}

/** Starts Cascade once for the story file (beforeAll) and stops it afterwards. */
export function useCascade(database: DatabaseKind): () => World {
  let world: World | undefined;
  beforeAll(async () => {
    const cascade = await startCascade({ database });
    const api = grpcClients(cascade.urls);
    world = { cascade, api };
  }, 180_000);
  afterAll(async () => {
    world?.api.close();
    await world?.cascade.stop();
  }, 60_000);
  return () => {
    if (!world) throw new Error('Cascade starts in beforeAll');
    return world;
  };
}

export interface Month {
  start: Date;
  end: Date;
  /** As RunBilling and the reports take it. */
  period: { period_start: Message; period_end: Message };
}

/** [1st of the month, 1st of the next), UTC; month is 1-based. */
export function month(year: number, m: number): Month {
  const start = new Date(Date.UTC(year, m - 1, 1));
  const end = new Date(Date.UTC(year, m, 1));
  return { start, end, period: { period_start: timestamp(start), period_end: timestamp(end) } };
}

export const at = (iso: string): Message => timestamp(iso);

export async function tenant(
  w: World,
  parent: Message | undefined,
  ref: string,
  kind: string,
  currency = 'USD',
): Promise<Message> {
  return w.api.tenants.CreateTenant({
    parent_id: parent?.id ?? '',
    external_ref: ref,
    name: ref,
    kind: `TENANT_KIND_${kind}`,
    currency,
  });
}

export async function sumMeter(w: World, code: string): Promise<void> {
  await w.api.meters.CreateMeter({
    code,
    name: code,
    unit: 'unit',
    aggregation: 'AGGREGATION_SUM',
  });
}

export interface PlanSpec {
  code: string;
  currency?: string;
  model: 'SUBSCRIPTION' | 'PAYG';
  fee?: string;
  charges: Message[];
}

export async function plan(w: World, seller: Message, spec: PlanSpec): Promise<Message> {
  return w.api.plans.CreatePlan({
    seller_tenant_id: seller.id,
    code: spec.code,
    name: spec.code,
    currency: spec.currency ?? 'USD',
    billing_model: `BILLING_MODEL_${spec.model}`,
    interval: 'INTERVAL_MONTHLY',
    subscription_fee: spec.fee ?? '',
    charges: spec.charges,
  });
}

export const perUnit = (meter: string, price: string, extra: Message = {}): Message => ({
  meter_code: meter,
  model: 'CHARGE_MODEL_PER_UNIT',
  unit_price: price,
  ...extra,
});

export async function assign(w: World, buyer: Message, p: Message, from: string): Promise<void> {
  await w.api.plans.AssignPlan({
    buyer_tenant_id: buyer.id,
    plan_id: p.id,
    effective_from: at(from),
  });
}

let eventCounter = 0;

/** Records one event per [tenant, meter, quantity, instant]; every id is new. */
export async function usage(w: World, events: [Message, string, string, string][]): Promise<void> {
  const result = await w.api.usage.RecordUsage({
    events: events.map(([t, meter, quantity, when]) => ({
      id: `ev-${process.pid}-${(eventCounter += 1)}`,
      tenant_id: t.id,
      meter_code: meter,
      quantity,
      timestamp: at(when),
    })),
  });
  expect([result.accepted, result.rejected]).toEqual([events.length, []]);
}

export async function runBilling(w: World, m: Month): Promise<Message> {
  return w.api.invoices.RunBilling(m.period, { timeoutMs: 120_000 });
}

/** The one invoice of seller → buyer whose period ends in the month. */
export async function invoiceOf(
  w: World,
  seller: Message,
  buyer: Message,
  m: Month,
): Promise<Message> {
  const found = (await invoicesOfMonth(w, { seller_tenant_id: seller.id }, m)).filter(
    (i) => i.buyer_tenant_id === buyer.id,
  );
  expect(found).toHaveLength(1);
  return found[0];
}

/** Invoices whose period ends in (start, end]: what RunBilling over the month billed. */
export async function invoicesOfMonth(w: World, filter: Message, m: Month): Promise<Message[]> {
  const { invoices } = await w.api.invoices.ListInvoices(filter);
  return invoices.filter((i: Message) => {
    const end = seconds(i.period_end);
    return end > m.start.getTime() / 1000 && end <= m.end.getTime() / 1000;
  });
}

function seconds(ts: Message): number {
  return Number(ts.seconds);
}

/** An invoice as it reads: [kind, description, meter, quantity, amount] per line, then the totals. */
export function printed(invoice: Message) {
  return {
    lines: invoice.lines.map((l: Message) => [
      l.kind.replace('LINE_KIND_', ''),
      l.description,
      l.meter_code,
      l.quantity,
      l.amount,
    ]),
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    credits_applied: invoice.credits_applied,
    amount_due: invoice.amount_due,
  };
}

/** Lines as [kind, meter, quantity, amount, plan version] for stories about versions. */
export function lineFacts(invoice: Message) {
  return invoice.lines.map((l: Message) => [
    l.kind.replace('LINE_KIND_', ''),
    l.meter_code,
    l.quantity,
    l.amount,
    l.plan_version,
  ]);
}

const PRICED = new Set(['LINE_KIND_SUBSCRIPTION_FEE', 'LINE_KIND_USAGE', 'LINE_KIND_ADJUSTMENT']);
const dec = (text: string) => new Dec(text || '0');

/** Totals are sums of rounded lines: subtotal, tax line, total, credits, and Σ lines = due. */
export function expectAddsUp(invoice: Message): void {
  const lines: Message[] = invoice.lines;
  const priced = sum(lines.filter((l) => PRICED.has(l.kind)).map((l) => dec(l.amount)));
  const tax = sum(lines.filter((l) => l.kind === 'LINE_KIND_TAX').map((l) => dec(l.amount)));
  const credit = sum(lines.filter((l) => l.kind === 'LINE_KIND_CREDIT').map((l) => dec(l.amount)));
  const all = sum(lines.map((l) => dec(l.amount)));
  expect({
    subtotal: dec(invoice.subtotal).eq(priced),
    tax: dec(invoice.tax).eq(tax),
    total: dec(invoice.total).eq(priced.plus(tax)),
    credits: dec(invoice.credits_applied).eq(credit.negated()),
    due: dec(invoice.amount_due).eq(all),
  }).toEqual({ subtotal: true, tax: true, total: true, credits: true, due: true });
}

function quantities(invoice: Message, kinds = ['LINE_KIND_USAGE']): Map<string, Dec> {
  const out = new Map<string, Dec>();
  for (const l of invoice.lines as Message[])
    if (kinds.includes(l.kind))
      out.set(l.meter_code, (out.get(l.meter_code) ?? new Dec(0)).plus(dec(l.quantity)));
  return out;
}

/**
 * Conservation across tiers (DESIGN invariant 1), checked against ExplainLine: for each
 * invoice P → N and meter, the billed quantity is N's own usage plus what N billed each
 * child; every child's contribution equals the quantity on N's invoice to that child.
 */
export async function expectConservation(w: World, invoices: readonly Message[]): Promise<void> {
  for (const invoice of invoices) {
    const billed = quantities(invoice);
    const children = invoices.filter(
      (i) => i.seller_tenant_id === invoice.buyer_tenant_id && samePeriod(i, invoice),
    );
    for (const [meter, quantity] of billed) {
      const explained = await w.api.rating.ExplainLine({
        buyer_tenant_id: invoice.buyer_tenant_id,
        seller_tenant_id: invoice.seller_tenant_id,
        meter_code: meter,
        from: invoice.period_start,
        to: invoice.period_end,
      });
      const contributions = new Map<string, Dec>(
        explained.by_tenant.map((c: Message) => [c.key, dec(c.quantity)]),
      );
      const own = contributions.get(invoice.buyer_tenant_id) ?? new Dec(0);
      const sold = children.map((c) => quantities(c).get(meter) ?? new Dec(0));
      expect(`${meter}: ${quantity.toFixed()}`).toBe(`${meter}: ${own.plus(sum(sold)).toFixed()}`);
      for (const child of children)
        expect(
          `${child.buyer_tenant_id}: ${(contributions.get(child.buyer_tenant_id) ?? new Dec(0)).toFixed()}`,
        ).toBe(
          `${child.buyer_tenant_id}: ${(quantities(child).get(meter) ?? new Dec(0)).toFixed()}`,
        );
    }
  }
}

function samePeriod(a: Message, b: Message): boolean {
  return (
    seconds(a.period_start) === seconds(b.period_start) &&
    seconds(a.period_end) === seconds(b.period_end)
  );
}

/**
 * Margin identity (DESIGN invariant 3): the report's revenue is what the tenant's
 * invoices to its buyers say, its cost what its seller's invoices say (priced lines,
 * less credit notes), and margin = revenue − cost per meter and in total.
 */
export async function expectMarginIdentity(
  w: World,
  tenantId: string,
  m: Month,
  creditNotes: Message[] = [],
): Promise<Message> {
  const report = await w.api.invoices.GetMarginReport({ tenant_id: tenantId, ...m.period });
  const side = async (filter: Message) =>
    (await invoicesOfMonth(w, filter, m))
      .filter((i) => i.status !== 'INVOICE_STATUS_VOID')
      .flatMap((i: Message) => i.lines.filter((l: Message) => PRICED.has(l.kind)));
  const revenue = sum((await side({ seller_tenant_id: tenantId })).map((l) => dec(l.amount)));
  const cost = sum((await side({ buyer_tenant_id: tenantId })).map((l) => dec(l.amount)));
  const credited = (as: string) =>
    sum(creditNotes.filter((n) => n[as] === tenantId).map((n) => dec(n.subtotal)));
  expect([report.revenue, report.cost]).toEqual([
    formatMoney(revenue.minus(credited('seller_tenant_id')), report.currency),
    formatMoney(cost.minus(credited('buyer_tenant_id')), report.currency),
  ]);
  expect(dec(report.margin).eq(dec(report.revenue).minus(dec(report.cost)))).toBe(true);
  for (const row of report.meters as Message[])
    expect(dec(row.margin).eq(dec(row.revenue).minus(dec(row.cost)))).toBe(true);
  expect(sum(report.meters.map((r: Message) => dec(r.margin))).eq(dec(report.margin))).toBe(true);
  return report;
}

/** Idempotency (DESIGN invariant 2): billing the month again changes no invoice. */
export async function expectIdempotentRerun(w: World, m: Month, tenants: Message[]): Promise<void> {
  const snapshot = async () => {
    const all = await Promise.all(
      tenants.map((t) => invoicesOfMonth(w, { seller_tenant_id: t.id }, m)),
    );
    return all.flat().sort((a, b) => (a.id < b.id ? -1 : 1));
  };
  const before = await snapshot();
  const { run } = await runBilling(w, m);
  expect([run.status, run.invoices_created, run.invoices_updated]).toEqual([
    'BILLING_RUN_STATUS_SUCCEEDED',
    0,
    0,
  ]);
  expect(await snapshot()).toEqual(before);
}

/** All three invariants that hold for every story's month, and totals adding up. */
export async function expectInvariants(
  w: World,
  m: Month,
  tenants: Message[],
  resellers: Message[],
): Promise<void> {
  const invoices = (
    await Promise.all(tenants.map((t) => invoicesOfMonth(w, { seller_tenant_id: t.id }, m)))
  ).flat();
  for (const invoice of invoices) expectAddsUp(invoice);
  await expectConservation(w, invoices);
  for (const reseller of resellers) await expectMarginIdentity(w, reseller.id, m);
  await expectIdempotentRerun(w, m, tenants);
}
