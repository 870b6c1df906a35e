import { RatedPart } from './rating.gateway';

/** Everything rating said about one seller → buyer edge in the period: one invoice. */
export interface RatedGroup {
  sellerTenantId: string;
  buyerTenantId: string;
  parts: RatedPart[];
}

/**
 * Groups a rated stream into one group per (seller, buyer) without holding the
 * stream: rating sends a buyer's parts together (metering lists edges by buyer), so
 * a buyer's groups are complete when the next buyer starts. A buyer that shows up
 * again later would be billed twice from partial parts: that fails the run loudly.
 */
export async function* ratedGroups(parts: AsyncIterable<RatedPart>): AsyncGenerator<RatedGroup> {
  const done = new Set<string>();
  let buyer: string | undefined;
  let pending = new Map<string, RatedGroup>();
  const flush = function* () {
    yield* [...pending.values()].sort((a, b) => compare(a.sellerTenantId, b.sellerTenantId));
    if (buyer !== undefined) done.add(buyer);
    pending = new Map();
  };
  for await (const part of parts) {
    const { sellerTenantId, buyerTenantId } = part.edge;
    if (buyerTenantId !== buyer) {
      yield* flush();
      if (done.has(buyerTenantId))
        throw new Error(
          `rating streamed buyer ${buyerTenantId} twice, not together: its invoice would be incomplete`,
        );
      buyer = buyerTenantId;
    }
    const group = pending.get(sellerTenantId) ?? { sellerTenantId, buyerTenantId, parts: [] };
    group.parts.push(part);
    pending.set(sellerTenantId, group);
  }
  yield* flush();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
