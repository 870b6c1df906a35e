/** The bounded reasons of cascade_usage_rejected_total, never an id or a message. */
export const REJECTION_REASONS = [
  'unknown_tenant',
  'unknown_meter',
  'invalid_quantity',
  'invalid_timestamp',
  'tenant_closed',
  'future_timestamp',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * The reason slug of a rejection message ("field: why"): the field names the
 * kind; what would make the label unbounded (the tenant or meter named) is dropped.
 */
export function rejectionReason(message: string): RejectionReason {
  const field = message.slice(0, message.indexOf(':'));
  const why = message.slice(field.length + 1);
  if (/closed/.test(why)) return 'tenant_closed';
  if (/unknown tenant/.test(why)) return 'unknown_tenant';
  if (field === 'meter_code' && /unknown meter/.test(why)) return 'unknown_meter';
  if (field === 'quantity') return 'invalid_quantity';
  if (field === 'timestamp') return /future/.test(why) ? 'future_timestamp' : 'invalid_timestamp';
  return 'other';
}
