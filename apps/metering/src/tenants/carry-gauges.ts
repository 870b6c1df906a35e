import { StoredGauge, UsageRecord } from '../persistence/usage.repository';

export const MOVE_SOURCE = 'cascade.move';

/**
 * A gauge left open across a move would keep accruing to the old chain of
 * sellers. Close each open gauge on the old path at the move and reopen it,
 * same value, on the new one: facts stay immutable, attribution follows time.
 */
export function carryGauges(
  facts: readonly StoredGauge[],
  move: { id: string; oldPath: string; newPath: string; at: Date },
): UsageRecord[] {
  const latest = new Map<string, StoredGauge>();
  for (const fact of facts) {
    const key = `${fact.meterCode}\u0000${fact.tenantId}\u0000${fact.resourceId}`;
    const current = latest.get(key);
    const later =
      !current ||
      fact.timestamp > current.timestamp ||
      (+fact.timestamp === +current.timestamp && fact.eventId > current.eventId);
    if (later) latest.set(key, fact);
  }
  return [...latest.values()]
    .filter((g) => !g.quantity.isZero())
    .flatMap((g) => {
      const base = {
        source: MOVE_SOURCE,
        tenantId: g.tenantId,
        meterCode: g.meterCode,
        timestamp: move.at,
        resourceId: g.resourceId,
        properties: g.properties,
      };
      const key = `${move.id}:${g.meterCode}:${g.tenantId}:${g.resourceId}`;
      return [
        { ...base, eventId: `${key}:close`, path: g.path, quantity: g.quantity.minus(g.quantity) },
        {
          ...base,
          eventId: `${key}:open`,
          path: move.newPath + g.path.slice(move.oldPath.length),
          quantity: g.quantity,
        },
      ];
    });
}
