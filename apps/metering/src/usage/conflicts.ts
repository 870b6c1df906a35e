import { conflictReason, differingFields, EventPayload } from '@cascade/metering-domain';
import { Dec } from '@cascade/money';
import { StoredPayloadRow } from '../persistence/bulk-insert';
import { UsageRecord } from '../persistence/usage.repository';

export interface RejectedUsage {
  index: number;
  eventId: string;
  reason: string;
}

function payloadOf(r: UsageRecord): EventPayload {
  return {
    tenantId: r.tenantId,
    meterCode: r.meterCode,
    quantity: r.quantity,
    timestamp: r.timestamp.getTime(),
    resourceId: r.resourceId,
    properties: r.properties,
  };
}

function storedPayloadOf(row: StoredPayloadRow): EventPayload {
  return {
    tenantId: row.tenant_id,
    meterCode: row.meter_code,
    quantity: new Dec(row.quantity),
    timestamp: Number(row.ts),
    resourceId: row.resource_id,
    properties: JSON.parse(row.properties) as Record<string, string>,
  };
}

/** An event of a batch with its position in the request. */
export interface Resend {
  index: number;
  record: UsageRecord;
}

/**
 * Every event whose id was recorded before — already stored, or earlier in the
 * same batch — is a duplicate when it says the same as the first recording of
 * that id, and a conflict (with the fields that differ) when it does not.
 */
export function judgeResends(
  fresh: readonly Resend[],
  repeats: readonly Resend[],
  existing: readonly StoredPayloadRow[],
): { duplicates: number; conflicts: RejectedUsage[] } {
  const keyOf = (source: string, eventId: string) => `${source}\u0000${eventId}`;
  const first = new Map<string, EventPayload>();
  for (const f of fresh) first.set(keyOf(f.record.source, f.record.eventId), payloadOf(f.record));
  const again: Resend[] = [];
  for (const row of existing) first.set(keyOf(row.source, row.event_id), storedPayloadOf(row));
  const stored = new Set(existing.map((row) => keyOf(row.source, row.event_id)));
  for (const f of fresh) if (stored.has(keyOf(f.record.source, f.record.eventId))) again.push(f);
  again.push(...repeats);
  let duplicates = 0;
  const conflicts: RejectedUsage[] = [];
  for (const { index, record } of again) {
    const original = first.get(keyOf(record.source, record.eventId)) as EventPayload;
    const fields = differingFields(original, payloadOf(record));
    if (fields.length === 0) duplicates += 1;
    else
      conflicts.push({
        index,
        eventId: record.eventId,
        reason: conflictReason(record.eventId, fields),
      });
  }
  return { duplicates, conflicts: conflicts.sort((a, b) => a.index - b.index) };
}
