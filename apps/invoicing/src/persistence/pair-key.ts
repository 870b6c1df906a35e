/** A seller → buyer edge, the unit every invoice and most billing state is kept by. */
export interface PairKey {
  sellerTenantId: string;
  buyerTenantId: string;
}

export function pairKey(pair: PairKey): string {
  return `${pair.sellerTenantId}\u0000${pair.buyerTenantId}`;
}

/** Splits a list for IN (...) clauses. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
