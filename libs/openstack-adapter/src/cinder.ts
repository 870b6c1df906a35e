import type { LifecycleAction, Translation } from '@cascade/plugin-sdk/domain';
import { STOPPING_ACTIONS } from '@cascade/plugin-sdk/domain';
import { eventTime } from './event-time';
import { amountAt, isObject, textAt } from './json';
import type { Notification } from './notification';
import { changes, malformed } from './translation';

interface VolumeRule {
  action: LifecycleAction | 'from-status';
  time: readonly string[];
}

/** Cinder volume.* usage notifications (cinder/volume/volume_utils.py), by event type. */
export const VOLUME_RULES: Readonly<Record<string, VolumeRule>> = {
  'volume.create.end': { action: 'start', time: ['launched_at', 'created_at'] },
  'volume.manage_existing.end': { action: 'start', time: ['launched_at', 'created_at'] },
  'volume.resize.end': { action: 'resize', time: ['updated_at'] },
  'volume.exists': { action: 'from-status', time: ['audit_period_ending'] },
  'volume.delete.end': { action: 'delete', time: ['deleted_at'] },
};

/** A volume's size in GB is its storage.volume.gb gauge; the owner is payload tenant_id. */
export function translateVolume(
  notification: Notification,
  rule: VolumeRule,
  receivedAt: Date,
): Translation {
  const payload = notification.payload;
  if (!isObject(payload)) return malformed('payload: not an object');
  const resourceId = textAt(payload, 'volume_id');
  const projectId =
    textAt(payload, 'tenant_id') ??
    textAt(payload, 'project_id') ??
    textAt(notification.context, 'project_id');
  if (!resourceId) return malformed('payload.volume_id: missing');
  if (!projectId) return malformed('payload.tenant_id: missing');
  // An audit of a volume already deleted stops it; any other status re-asserts its size.
  const action: LifecycleAction =
    rule.action !== 'from-status'
      ? rule.action
      : textAt(payload, 'status') === 'deleted'
        ? 'stop'
        : 'observe';
  const volumeGb = amountAt(payload, 'size');
  if (!STOPPING_ACTIONS.has(action) && volumeGb === undefined)
    return malformed('payload.size: missing');
  const at = eventTime(notification, payload, rule.time, receivedAt);
  if (typeof at === 'string') return malformed(at);
  const volumeType = textAt(payload, 'volume_type');
  return changes({
    origin: { eventId: notification.originId, eventType: notification.eventType },
    action,
    kind: 'volume',
    resourceId,
    projectId,
    at,
    size: STOPPING_ACTIONS.has(action) ? {} : { volumeGb },
    properties: volumeType ? { volume_type: volumeType } : {},
  });
}
