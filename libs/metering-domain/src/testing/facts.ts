// Test-only builders; not exported from the library.
import { parseDecimal } from '@cascade/money';
import type { UsageFact } from '../aggregation';

export const at = (iso: string): Date => new Date(iso);

export function fact(spec: {
  quantity: string;
  timestamp: string;
  eventId?: string;
  resourceId?: string;
  properties?: Record<string, string>;
}): UsageFact {
  const resourceId = spec.resourceId ?? 'r1';
  return {
    eventId: spec.eventId ?? `${resourceId}@${spec.timestamp}`,
    quantity: parseDecimal(spec.quantity),
    timestamp: at(spec.timestamp),
    resourceId,
    properties: spec.properties ?? {},
  };
}

export const window = (from: string, to: string) => ({ from: at(from), to: at(to) });
