import { Dec, sum } from '@cascade/money';

/**
 * One billed amount as a margin report counts it: an invoice line (or a credit note
 * line, negative) between the reporting tenant and a counterparty. `meterCode` is ''
 * for subscription fees; adjustments count for their meter.
 */
export interface MarginEntry {
  readonly counterpartyTenantId: string;
  readonly meterCode: string;
  /** Usage quantity; zero for fees and credit notes. */
  readonly quantity: Dec;
  /** As the invoice shows it: rounded to the currency. */
  readonly amount: Dec;
}

export interface MeterAmount {
  readonly meterCode: string;
  readonly quantity: Dec;
  readonly amount: Dec;
}

export interface CounterpartyAmount {
  readonly tenantId: string;
  readonly amount: Dec;
  readonly meters: readonly MeterAmount[];
}

export interface MarginLine {
  readonly meterCode: string;
  readonly revenueQuantity: Dec;
  readonly costQuantity: Dec;
  readonly revenue: Dec;
  readonly cost: Dec;
  readonly margin: Dec;
}

/** revenue − cost = margin, per meter and in total, exactly (sums of rounded amounts). */
export interface MarginReport {
  readonly buyers: readonly CounterpartyAmount[];
  readonly sellers: readonly CounterpartyAmount[];
  readonly meters: readonly MarginLine[];
  readonly revenue: Dec;
  readonly cost: Dec;
  readonly margin: Dec;
}

/** What a tenant sold (`revenue`, one entry per line billed to its buyers) and bought (`cost`). */
export function marginReport(
  revenue: readonly MarginEntry[],
  cost: readonly MarginEntry[],
): MarginReport {
  const meterCodes = [...new Set([...revenue, ...cost].map((e) => e.meterCode))].sort();
  const meters = meterCodes.map((meterCode): MarginLine => {
    const sold = revenue.filter((e) => e.meterCode === meterCode);
    const bought = cost.filter((e) => e.meterCode === meterCode);
    const r = sum(sold.map((e) => e.amount));
    const c = sum(bought.map((e) => e.amount));
    return {
      meterCode,
      revenueQuantity: sum(sold.map((e) => e.quantity)),
      costQuantity: sum(bought.map((e) => e.quantity)),
      revenue: r,
      cost: c,
      margin: r.minus(c),
    };
  });
  const totalRevenue = sum(meters.map((m) => m.revenue));
  const totalCost = sum(meters.map((m) => m.cost));
  return {
    buyers: byCounterparty(revenue),
    sellers: byCounterparty(cost),
    meters,
    revenue: totalRevenue,
    cost: totalCost,
    margin: totalRevenue.minus(totalCost),
  };
}

function byCounterparty(entries: readonly MarginEntry[]): CounterpartyAmount[] {
  const ids = [...new Set(entries.map((e) => e.counterpartyTenantId))].sort();
  return ids.map((tenantId) => {
    const own = entries.filter((e) => e.counterpartyTenantId === tenantId);
    const codes = [...new Set(own.map((e) => e.meterCode))].sort();
    return {
      tenantId,
      amount: sum(own.map((e) => e.amount)),
      meters: codes.map((meterCode) => {
        const lines = own.filter((e) => e.meterCode === meterCode);
        return {
          meterCode,
          quantity: sum(lines.map((e) => e.quantity)),
          amount: sum(lines.map((e) => e.amount)),
        };
      }),
    };
  });
}
