import { createHash } from 'node:crypto';
import { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { UsageEventSchema } from '@cascade/contracts';
import { FileRecord } from '../../../core/records';

export type UsageEventInit = MessageInitShape<typeof UsageEventSchema>;

/**
 * The event id of a row without an `id` column: a hash of the row's position and
 * text, so resending a row (after Ctrl-C, a crash, or importing the file again)
 * is a duplicate the service counts once.
 */
export function rowEventId(record: FileRecord): string {
  return `import-${createHash('sha256').update(`${record.row}\n${record.raw}`).digest('hex').slice(0, 40)}`;
}

/** A row as a UsageEvent, or why it cannot be one; the service checks the rest. */
export function rowToEvent(record: FileRecord): UsageEventInit | { reason: string } {
  const r = record.record;
  if (record.numbers?.has('quantity'))
    return { reason: 'quantity: must be a decimal string ("12.5"), not a JSON number' };
  const at = new Date(r.timestamp ?? '');
  if (!r.timestamp || Number.isNaN(at.getTime()))
    return {
      reason: `timestamp: expected an ISO 8601 instant, got ${JSON.stringify(r.timestamp ?? '')}`,
    };
  let properties: Record<string, string> = {};
  if (r.properties) {
    try {
      properties = JSON.parse(r.properties) as Record<string, string>;
    } catch {
      return { reason: 'properties: expected a JSON object of strings' };
    }
  }
  return {
    id: r.id || rowEventId(record),
    tenantId: r.tenant_id ?? '',
    tenantExternalRef: r.tenant_external_ref ?? '',
    meterCode: r.meter_code ?? '',
    quantity: r.quantity ?? '',
    timestamp: timestampFromDate(at),
    resourceId: r.resource_id ?? '',
    properties,
    source: r.source ?? '',
  };
}
