import { deriveEventId } from './event-id';
import { GAUGE_METERS, KIND_GAUGES } from './gauges';
import { ResourceChange, STOPPING_ACTIONS } from './resource-change';
import type { UsageEventDraft } from './usage-event-draft';
import { validateChange } from './validate-change';

/**
 * One TIME_WEIGHTED gauge event per gauge the change touches. Stopping and
 * deleting zero every gauge of the kind, so accrual ends even when the
 * platform's stop event does not repeat the size.
 */
export function toGaugeEvents(change: ResourceChange, source: string): UsageEventDraft[] {
  const invalid = validateChange(change);
  if (invalid !== undefined) throw new RangeError(invalid);
  const stopping = STOPPING_ACTIONS.has(change.action);
  return KIND_GAUGES[change.kind].flatMap((gauge) => {
    const quantity = stopping ? '0' : change.size[gauge];
    if (quantity === undefined) return [];
    const meterCode = GAUGE_METERS[gauge];
    const id = deriveEventId({
      source,
      platformEventId: change.origin.eventId,
      eventType: change.origin.eventType,
      resourceId: change.resourceId,
      meterCode,
    });
    return [
      {
        id,
        source,
        projectId: change.projectId,
        meterCode,
        quantity,
        timestamp: change.at.toISOString(),
        resourceId: change.resourceId,
        properties: {
          ...change.properties,
          event_type: change.origin.eventType,
          action: change.action,
          resource_kind: change.kind,
        },
      },
    ];
  });
}
