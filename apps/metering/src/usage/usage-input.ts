import { Dec, exceedsInputDigits, INPUT_DIGITS_RULE, isDecimalString } from '@cascade/money';
import { FieldProblems } from '@cascade/platform';

export interface UsageEventInput {
  id: string;
  tenantId: string;
  tenantExternalRef: string;
  meterCode: string;
  quantity: string;
  timestamp?: Date;
  resourceId: string;
  properties: Record<string, string>;
  source: string;
}

export interface CheckedEvent {
  source: string;
  id: string;
  quantity: Dec;
  timestamp: Date;
}

export const MAX_BATCH = 10_000;
const MAX_PROPERTIES = 32;
const MAX_PROPERTY_KEY = 64;
const MAX_PROPERTY_VALUE = 255;
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);

/** Field-level checks that need no lookups; a string names the field and the reason. */
export function checkEvent(event: UsageEventInput): CheckedEvent | string {
  if (!event.id) return 'id: is required';
  if (event.id.length > 128) return 'id: must be at most 128 characters';
  if (event.source.length > 128) return 'source: must be at most 128 characters';
  if (event.tenantId.length > 255) return 'tenant_id: must be at most 255 characters';
  if (event.tenantExternalRef.length > 255)
    return 'tenant_external_ref: must be at most 255 characters';
  if (!event.tenantId === !event.tenantExternalRef) {
    return 'tenant_id: exactly one of tenant_id and tenant_external_ref is required';
  }
  if (!event.meterCode) return 'meter_code: is required';
  if (!isDecimalString(event.quantity))
    return `quantity: not a decimal string: ${JSON.stringify(event.quantity)}`;
  if (exceedsInputDigits(event.quantity)) return `quantity: ${INPUT_DIGITS_RULE}`;
  const quantity = new Dec(event.quantity);
  if (quantity.isNegative()) return 'quantity: must not be negative';
  if (!event.timestamp) return 'timestamp: is required';
  const t = event.timestamp.getTime();
  if (Number.isNaN(t) || t < MIN_TIME || t >= MAX_TIME)
    return 'timestamp: must be between 2000 and 2200';
  if (event.resourceId.length > 255) return 'resource_id: must be at most 255 characters';
  const properties = propertiesProblem(event.properties);
  if (properties) return properties;
  return { source: event.source || 'default', id: event.id, quantity, timestamp: event.timestamp };
}

function propertiesProblem(properties: Record<string, string>): string | undefined {
  const entries = Object.entries(properties);
  if (entries.length > MAX_PROPERTIES) return `properties: at most ${MAX_PROPERTIES} entries`;
  if (entries.some(([key]) => key.length > MAX_PROPERTY_KEY))
    return `properties: keys must be at most ${MAX_PROPERTY_KEY} characters`;
  if (entries.some(([, value]) => value.length > MAX_PROPERTY_VALUE))
    return `properties: values must be at most ${MAX_PROPERTY_VALUE} characters`;
  return undefined;
}

/**
 * A batch's own fields, both named at once: its id, echoed in its acknowledgement and
 * bounded like an event's, and how many events it carries (each is judged on its own).
 */
export function requireBatch(batchId: string, eventCount: number): string {
  const problems = new FieldProblems();
  if (batchId.length > 128) problems.add('batch_id', 'must be at most 128 characters');
  if (eventCount > MAX_BATCH) problems.add('events', `at most ${MAX_BATCH} events per request`);
  problems.throwIfAny();
  return batchId;
}
