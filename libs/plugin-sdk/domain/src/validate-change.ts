import { isDecimalString } from '@cascade/money';
import { KIND_GAUGES } from './gauges';
import type { ResourceChange } from './resource-change';

/** The first reason a change cannot become usage, naming the field; undefined when valid. */
export function validateChange(change: ResourceChange): string | undefined {
  if (!change.origin.eventId) return 'origin.eventId: is required';
  if (!change.origin.eventType) return 'origin.eventType: is required';
  if (!change.resourceId) return 'resourceId: is required';
  if (!change.projectId) return 'projectId: is required';
  if (!(change.at instanceof Date) || Number.isNaN(change.at.getTime()))
    return 'at: is not a valid time';
  if (!(change.kind in KIND_GAUGES)) return `kind: unknown resource kind ${change.kind}`;
  for (const [gauge, value] of Object.entries(change.size)) {
    if (value === undefined) continue;
    // Unsigned on purpose: a gauge is an amount of resource, never negative.
    if (!isDecimalString(value) || value.startsWith('-'))
      return `size.${gauge}: not a non-negative decimal string: ${JSON.stringify(value)}`;
  }
  return undefined;
}
