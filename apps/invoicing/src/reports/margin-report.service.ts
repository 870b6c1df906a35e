import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import {
  MarginEntry,
  marginReport,
  OwnUseReport,
  splitOwnUse,
  TimeRange,
} from '@cascade/invoicing-domain';
import { Dec, ZERO } from '@cascade/money';
import { failedPrecondition, notFound } from '@cascade/platform';
import { run } from '../persistence/sql';
import { TenantGateway } from '../billing/tenant.gateway';
import { UnpricedUsageRow } from '../persistence/unpriced-usage.entity';
import { UnpricedUsageRepository } from '../persistence/unpriced-usage.repository';

export interface MarginReportView extends OwnUseReport {
  tenantId: string;
  period: TimeRange;
  currency: string;
  /** Usage on the tenant's edges and below that no plan priced. */
  unpriced: UnpricedUsageRow[];
}

interface Row {
  counterparty: string;
  currency: string;
  kind: string;
  meter_code: string;
  quantity: string | null;
  amount: string;
}

/** Lines that are a price: fees, usage, adjustments (tax and prepaid credits are not). */
const PRICED = "('SUBSCRIPTION_FEE', 'USAGE', 'ADJUSTMENT')";

/**
 * What a tenant sold and bought in the invoices of a period, and the difference:
 * revenue from its buyers (invoices it issued), cost from its seller (invoices it
 * received), per meter — amounts as invoiced, rounded lines before tax, less credit
 * notes; void invoices count for nothing. The invoices of a period are those whose
 * period ends in (period_start, period_end], which is what RunBilling over that month
 * billed, anniversary periods included.
 */
@Injectable()
export class MarginReportService {
  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    private readonly tenants: TenantGateway,
    private readonly unpricedUsage: UnpricedUsageRepository,
  ) {}

  async report(tenantId: string, period: TimeRange): Promise<MarginReportView> {
    const tenantCurrency = await this.tenants.currencyIfExists(tenantId);
    if (tenantCurrency === undefined) throw notFound('tenant', tenantId);
    const [revenue, cost, unpriced] = await Promise.all([
      this.side(tenantId, period, 'seller'),
      this.side(tenantId, period, 'buyer'),
      this.unpricedUsage.list(tenantId, period),
    ]);
    const currencies = new Set([...revenue, ...cost].map((r) => r.currency));
    if (currencies.size > 1)
      throw failedPrecondition(
        `tenant_id: ${JSON.stringify(tenantId)} was invoiced in ${[...currencies].sort().join(' and ')}; a margin needs one currency`,
      );
    const currency = [...currencies][0] ?? tenantCurrency;
    const report = marginReport(revenue.map(entry), cost.map(entry));
    // What the tenant paid for but could not bill its buyers is resold, not its own use.
    const unbilled = new Map<string, Dec>();
    for (const row of unpriced.filter((r) => r.sellerTenantId === tenantId))
      unbilled.set(row.meterCode, (unbilled.get(row.meterCode) ?? ZERO).plus(row.quantity));
    return { tenantId, period, currency, unpriced, ...splitOwnUse(report, currency, unbilled) };
  }

  /** The tenant's lines as seller (revenue) or as buyer (cost), credit notes as negative lines. */
  private async side(tenantId: string, period: TimeRange, as: 'seller' | 'buyer'): Promise<Row[]> {
    const em = this.orm.em.fork();
    const other = as === 'seller' ? 'buyer' : 'seller';
    const where = `i.${as}_tenant_id = ? and i.status not in ('VOID', 'DISCARDED') and i.period_end > ? and i.period_end <= ?`;
    const params = [tenantId, period.start.getTime(), period.end.getTime()];
    const lines = await run<Row[]>(
      em,
      `select i.${other}_tenant_id as counterparty, i.currency, l.kind, l.meter_code, l.quantity, l.amount
       from invoice i join invoice_line l on l.invoice_id = i.id
       where ${where} and l.kind in ${PRICED}`,
      params,
    );
    const credited = await run<Row[]>(
      em,
      `select i.${other}_tenant_id as counterparty, i.currency, 'CREDIT_NOTE' as kind, c.meter_code, null as quantity, c.amount
       from invoice i join credit_note n on n.invoice_id = i.id join credit_note_line c on c.credit_note_id = n.id
       where ${where}`,
      params,
    );
    return [
      ...lines,
      ...credited.map((r) => ({ ...r, amount: new Dec(r.amount).negated().toFixed() })),
    ];
  }
}

function entry(row: Row): MarginEntry {
  return {
    counterpartyTenantId: row.counterparty,
    meterCode: row.kind === 'SUBSCRIPTION_FEE' ? '' : row.meter_code,
    quantity: row.kind === 'USAGE' || row.kind === 'ADJUSTMENT' ? new Dec(row.quantity ?? 0) : ZERO,
    amount: new Dec(row.amount),
  };
}
