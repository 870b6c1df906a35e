import { UsageFact } from '@cascade/metering-domain';
import { StoredUsage } from '../persistence/usage.repository';

/** Event ids are unique per source, so the domain's dedup key carries both. */
export function toFact(s: StoredUsage): UsageFact {
  return {
    eventId: `${s.source}\u0000${s.eventId}`,
    quantity: s.quantity,
    timestamp: s.timestamp,
    resourceId: s.resourceId,
    properties: s.properties,
  };
}
