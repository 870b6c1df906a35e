import type { Translation } from '@cascade/plugin-sdk/domain';
import { InstanceRule, instanceTranslation } from './instance-change';
import { novaData, objectAt, textAt } from './json';
import type { Notification } from './notification';
import { malformed } from './translation';

const UPDATED = ['updated_at'];

/** Versioned Nova notifications (topic versioned_notifications), by event type. */
export const VERSIONED_RULES: Readonly<Record<string, InstanceRule>> = {
  'instance.create.end': { action: 'start', time: ['launched_at', 'updated_at'] },
  'instance.update': { action: 'from-state', time: UPDATED },
  'instance.exists': { action: 'from-state', time: ['audit_period_ending', 'updated_at'] },
  'instance.resize_finish.end': { action: 'resize', time: UPDATED },
  'instance.resize_revert.end': { action: 'resize', time: UPDATED },
  'instance.resize_confirm.end': { action: 'resize', time: UPDATED },
  'instance.power_off.end': { action: 'stop', time: UPDATED },
  'instance.power_on.end': { action: 'resume', time: UPDATED },
  'instance.shelve.end': { action: 'stop', time: UPDATED },
  'instance.shelve_offload.end': { action: 'stop', time: UPDATED },
  'instance.unshelve.end': { action: 'resume', time: UPDATED },
  'instance.soft_delete.end': { action: 'stop', time: ['deleted_at', 'updated_at'] },
  'instance.restore.end': { action: 'resume', time: UPDATED },
  'instance.delete.end': { action: 'delete', time: ['terminated_at', 'deleted_at', 'updated_at'] },
};

/** An InstancePayload (nova_object) as instance facts. */
export function translateVersioned(
  notification: Notification,
  rule: InstanceRule,
  receivedAt: Date,
): Translation {
  const data = novaData(notification.payload);
  if (!data || data === notification.payload) return malformed('payload: not a nova_object');
  const flavor = novaData(data['flavor']);
  return instanceTranslation(
    notification,
    {
      resourceId: textAt(data, 'uuid'),
      projectId: textAt(data, 'tenant_id') ?? textAt(data, 'project_id'),
      state: textAt(data, 'state'),
      launched: textAt(data, 'launched_at') !== undefined,
      flavor,
      flavorName: textAt(flavor, 'name'),
      // instance.exists keeps its audit period in a nested object.
      times: { ...data, ...novaData(objectAt(data, 'audit_period')) },
    },
    rule,
    receivedAt,
  );
}
