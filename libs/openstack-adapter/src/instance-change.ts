import {
  LifecycleAction,
  ResourceSize,
  STOPPING_ACTIONS,
  Translation,
} from '@cascade/plugin-sdk/domain';
import { Dec, formatDecimal } from '@cascade/money';
import { eventTime } from './event-time';
import { actionForState } from './instance-states';
import { amountAt, JsonObject } from './json';
import type { Notification } from './notification';
import { changes, malformed, unmetered } from './translation';

/** How one instance event type maps: a fixed action, or one read from the vm_state. */
export interface InstanceRule {
  action: LifecycleAction | 'from-state';
  /** Payload time fields to fall back on, in order, when the message has no timestamp. */
  time: readonly string[];
}

/** What versioned and legacy Nova payloads both tell about an instance, under their own names. */
export interface InstanceFacts {
  resourceId?: string;
  projectId?: string;
  state?: string;
  launched: boolean;
  /** The flavor: vcpus, memory_mb and root_gb, in the payload's own shape. */
  flavor?: JsonObject;
  flavorName?: string;
  /** Where payload times are looked up. */
  times: JsonObject;
}

export function instanceTranslation(
  notification: Notification,
  facts: InstanceFacts,
  rule: InstanceRule,
  receivedAt: Date,
): Translation {
  if (!facts.resourceId) return malformed('payload: instance uuid missing');
  if (!facts.projectId) return malformed('payload: tenant_id missing');
  const action =
    rule.action === 'from-state' ? actionForState(facts.state, facts.launched) : rule.action;
  if (action === undefined) return unmetered;
  const size = STOPPING_ACTIONS.has(action) ? {} : flavorSize(facts.flavor);
  if (typeof size === 'string') return malformed(size);
  const at = eventTime(notification, facts.times, rule.time, receivedAt);
  if (typeof at === 'string') return malformed(at);
  return changes({
    origin: { eventId: notification.originId, eventType: notification.eventType },
    action,
    kind: 'instance',
    resourceId: facts.resourceId,
    projectId: facts.projectId,
    at,
    size,
    properties: facts.flavorName ? { flavor: facts.flavorName } : {},
  });
}

/** vCPUs, memory in GB (memory_mb / 1024, exact) and root disk GB, from a flavor. */
function flavorSize(flavor: JsonObject | undefined): ResourceSize | string {
  const vcpus = amountAt(flavor, 'vcpus');
  const memoryMb = amountAt(flavor, 'memory_mb');
  const rootGb = amountAt(flavor, 'root_gb');
  if (vcpus === undefined) return 'payload: flavor vcpus missing';
  if (memoryMb === undefined) return 'payload: flavor memory_mb missing';
  if (rootGb === undefined) return 'payload: flavor root_gb missing';
  return { vcpus, memoryGb: formatDecimal(new Dec(memoryMb).div(1024)), diskGb: rootGb };
}
