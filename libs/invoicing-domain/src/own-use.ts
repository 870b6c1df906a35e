import { Dec, roundToCurrency, sum, ZERO } from '@cascade/money';
import { MarginLine, MarginReport } from './margin';

export interface OwnUseLine extends MarginLine {
  /** Of costQuantity: what the tenant used itself. */
  readonly ownUseQuantity: Dec;
  /** Of cost: the share of ownUseQuantity, rounded; cost − ownUseCost is resale cost. */
  readonly ownUseCost: Dec;
}

export interface OwnUseReport extends MarginReport {
  readonly meters: readonly OwnUseLine[];
  readonly ownUseCost: Dec;
  /** cost − ownUseCost. */
  readonly resaleCost: Dec;
  /** revenue − resaleCost: the margin on what the tenant resells. */
  readonly resaleMargin: Dec;
}

/**
 * Separates a tenant's own consumption from what it resells, from its invoices alone.
 * What its seller billed it for a meter is its whole subtree's usage (conservation):
 * its own use plus what it billed its buyers, plus what it could not bill them
 * (`unbilled`: usage below it that no plan priced). So, per meter:
 *
 * - ownUseQuantity = costQuantity − revenueQuantity − unbilled, never below zero;
 * - ownUseCost = cost × ownUseQuantity / costQuantity, rounded half-up to the
 *   currency once; the resale cost is the rest, so the two add up to cost exactly.
 *
 * Costs without a quantity (subscription fees, meter "") are the price of buying
 * from the seller at all: resale cost when the tenant sold to buyers in the period,
 * its own use otherwise.
 */
export function splitOwnUse(
  report: MarginReport,
  currency: string,
  unbilled: ReadonlyMap<string, Dec> = new Map(),
): OwnUseReport {
  const resells = report.buyers.length > 0;
  const meters = report.meters.map((line): OwnUseLine => {
    if (line.costQuantity.isZero()) {
      const own = line.meterCode === '' && !resells ? line.cost : ZERO;
      return { ...line, ownUseQuantity: ZERO, ownUseCost: own };
    }
    const resold = line.revenueQuantity.plus(unbilled.get(line.meterCode) ?? ZERO);
    const ownUseQuantity = Dec.max(ZERO, line.costQuantity.minus(resold));
    const share = line.cost.times(ownUseQuantity).div(line.costQuantity);
    const rounded = roundToCurrency(share, currency);
    // decimal.js keeps the sign of zero; "-0.00" reads as an error.
    return { ...line, ownUseQuantity, ownUseCost: rounded.isZero() ? ZERO : rounded };
  });
  const ownUseCost = sum(meters.map((m) => m.ownUseCost));
  const resaleCost = report.cost.minus(ownUseCost);
  return {
    ...report,
    meters,
    ownUseCost,
    resaleCost,
    resaleMargin: report.revenue.minus(resaleCost),
  };
}
