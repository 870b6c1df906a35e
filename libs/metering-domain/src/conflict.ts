import { Dec } from '@cascade/money';

/** What an event says, as stored: a resend must say exactly this again. */
export interface EventPayload {
  tenantId: string;
  meterCode: string;
  quantity: Dec;
  /** Epoch milliseconds. */
  timestamp: number;
  resourceId: string;
  properties: Readonly<Record<string, string>>;
}

function sameProperties(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/**
 * The fields (by their wire names) in which a resend differs from the event
 * first recorded under its id; none means a plain duplicate. Quantities
 * compare as numbers ("1.50" resends "1.5"), properties regardless of order.
 */
export function differingFields(first: EventPayload, again: EventPayload): string[] {
  const fields: [string, boolean][] = [
    ['tenant', first.tenantId === again.tenantId],
    ['meter_code', first.meterCode === again.meterCode],
    ['quantity', first.quantity.eq(again.quantity)],
    ['timestamp', first.timestamp === again.timestamp],
    ['resource_id', first.resourceId === again.resourceId],
    ['properties', sameProperties(first.properties, again.properties)],
  ];
  return fields.filter(([, same]) => !same).map(([name]) => name);
}

/** Why a resend is a conflict, not a duplicate. */
export function conflictReason(eventId: string, fields: readonly string[]): string {
  return `id: ${JSON.stringify(eventId)} was recorded before with a different ${fields.join(', ')}; the first stays counted`;
}
