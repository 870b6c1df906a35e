import { Dec } from '@cascade/money';

/** A meter's usage on one billing edge, as metering counts it. */
export interface EdgeMeterUsage {
  readonly sellerTenantId: string;
  readonly buyerTenantId: string;
  readonly meterCode: string;
  readonly unit: string;
  readonly quantity: Dec;
}

/** What rating priced on one edge: whether a plan was in force, and which meters it billed. */
export interface RatedEdge {
  readonly hasPlan: boolean;
  readonly meterCodes: ReadonlySet<string>;
}

export type UnpricedReason = 'NO_PLAN' | 'NO_CHARGE' | 'CURRENCY';

export interface UnpricedLine extends EdgeMeterUsage {
  readonly reason: UnpricedReason;
}

export const edgeKey = (sellerTenantId: string, buyerTenantId: string): string =>
  `${sellerTenantId}\u0000${buyerTenantId}`;

/**
 * Usage that no plan priced, per edge and meter, and why: the buyer had no plan of its
 * seller (`CURRENCY` when the buyer's currency is one no plan of the seller can have:
 * the seller's plans are in its own currency), or its plan has no charge for the
 * meter. Usage that rating priced at zero is priced; zero usage is nothing to price.
 */
export function unpricedUsage(
  usage: readonly EdgeMeterUsage[],
  rated: ReadonlyMap<string, RatedEdge>,
  currencyDiffers: (sellerTenantId: string, buyerTenantId: string) => boolean,
): UnpricedLine[] {
  const lines: UnpricedLine[] = [];
  for (const u of usage) {
    if (u.quantity.isZero()) continue;
    const edge = rated.get(edgeKey(u.sellerTenantId, u.buyerTenantId));
    if (edge?.meterCodes.has(u.meterCode)) continue;
    const reason: UnpricedReason = edge?.hasPlan
      ? 'NO_CHARGE'
      : currencyDiffers(u.sellerTenantId, u.buyerTenantId)
        ? 'CURRENCY'
        : 'NO_PLAN';
    lines.push({ ...u, reason });
  }
  return lines.sort(
    (a, b) =>
      a.sellerTenantId.localeCompare(b.sellerTenantId) ||
      a.buyerTenantId.localeCompare(b.buyerTenantId) ||
      a.meterCode.localeCompare(b.meterCode),
  );
}
