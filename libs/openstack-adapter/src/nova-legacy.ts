import type { Translation } from '@cascade/plugin-sdk/domain';
import { InstanceRule, instanceTranslation } from './instance-change';
import { isObject, textAt } from './json';
import type { Notification } from './notification';
import { malformed } from './translation';

const UPDATED = ['updated_at'];

/** Legacy (unversioned) compute.instance.* notifications, by event type. */
export const LEGACY_RULES: Readonly<Record<string, InstanceRule>> = {
  'compute.instance.create.end': { action: 'start', time: ['launched_at'] },
  'compute.instance.update': { action: 'from-state', time: UPDATED },
  'compute.instance.exists': { action: 'from-state', time: ['audit_period_ending'] },
  'compute.instance.finish_resize.end': { action: 'resize', time: ['launched_at'] },
  'compute.instance.resize.revert.end': { action: 'resize', time: UPDATED },
  'compute.instance.resize.confirm.end': { action: 'resize', time: UPDATED },
  'compute.instance.power_off.end': { action: 'stop', time: UPDATED },
  'compute.instance.power_on.end': { action: 'resume', time: UPDATED },
  'compute.instance.shelve.end': { action: 'stop', time: UPDATED },
  'compute.instance.shelve_offload.end': { action: 'stop', time: UPDATED },
  'compute.instance.unshelve.end': { action: 'resume', time: UPDATED },
  'compute.instance.soft_delete.end': { action: 'stop', time: ['deleted_at'] },
  'compute.instance.restore.end': { action: 'resume', time: UPDATED },
  'compute.instance.delete.end': { action: 'delete', time: ['terminated_at', 'deleted_at'] },
};

/**
 * A legacy payload (nova/notifications/base.py info_from_instance): flat
 * fields, the flavor's sizes at the top level, the owner in tenant_id or,
 * failing that, in the request context.
 */
export function translateLegacy(
  notification: Notification,
  rule: InstanceRule,
  receivedAt: Date,
): Translation {
  const payload = notification.payload;
  if (!isObject(payload)) return malformed('payload: not an object');
  return instanceTranslation(
    notification,
    {
      resourceId: textAt(payload, 'instance_id'),
      projectId: textAt(payload, 'tenant_id') ?? textAt(notification.context, 'project_id'),
      state: textAt(payload, 'state'),
      launched: textAt(payload, 'launched_at') !== undefined,
      flavor: payload,
      flavorName: textAt(payload, 'instance_type'),
      times: payload,
    },
    rule,
    receivedAt,
  );
}
