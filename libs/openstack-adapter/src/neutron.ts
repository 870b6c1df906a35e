import type { LifecycleAction, Translation } from '@cascade/plugin-sdk/domain';
import { eventTime } from './event-time';
import { isObject, objectAt, textAt } from './json';
import type { Notification } from './notification';
import { changes, malformed } from './translation';

interface FloatingIpRule {
  action: LifecycleAction;
  time: readonly string[];
}

/**
 * Neutron floatingip.* notifications (neutron doc "Notification events"). An
 * allocated floating IP is billed whether or not it is associated, so
 * create, update and the usage audit all set the gauge to 1.
 */
export const FLOATING_IP_RULES: Readonly<Record<string, FloatingIpRule>> = {
  'floatingip.create.end': { action: 'start', time: ['created_at'] },
  'floatingip.update.end': { action: 'observe', time: ['updated_at'] },
  'floatingip.exists': { action: 'observe', time: ['updated_at'] },
  'floatingip.delete.end': { action: 'delete', time: ['updated_at'] },
};

/**
 * The payload is {"floatingip": {...}}; delete.end adds "floatingip_id" and
 * older Neutron sent only that, so the owner may come from the context.
 */
export function translateFloatingIp(
  notification: Notification,
  rule: FloatingIpRule,
  receivedAt: Date,
): Translation {
  const payload = notification.payload;
  if (!isObject(payload)) return malformed('payload: not an object');
  const ip = objectAt(payload, 'floatingip') ?? {};
  const resourceId = textAt(ip, 'id') ?? textAt(payload, 'floatingip_id') ?? textAt(payload, 'id');
  const projectId =
    textAt(ip, 'tenant_id') ??
    textAt(ip, 'project_id') ??
    textAt(notification.context, 'project_id') ??
    textAt(notification.context, 'tenant_id');
  if (!resourceId) return malformed('payload.floatingip.id: missing');
  if (!projectId) return malformed('payload.floatingip.tenant_id: missing');
  const at = eventTime(notification, ip, rule.time, receivedAt);
  if (typeof at === 'string') return malformed(at);
  const address = textAt(ip, 'floating_ip_address');
  return changes({
    origin: { eventId: notification.originId, eventType: notification.eventType },
    action: rule.action,
    kind: 'floatingip',
    resourceId,
    projectId,
    at,
    size: rule.action === 'delete' ? {} : { floatingIps: '1' },
    properties: address ? { floating_ip_address: address } : {},
  });
}
