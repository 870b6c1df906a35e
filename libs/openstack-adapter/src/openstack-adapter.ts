import type { DeliveryContext, PlatformAdapter, Translation } from '@cascade/plugin-sdk/domain';
import { translateVolume, VOLUME_RULES } from './cinder';
import { FLOATING_IP_RULES, translateFloatingIp } from './neutron';
import { LEGACY_RULES, translateLegacy } from './nova-legacy';
import { translateVersioned, VERSIONED_RULES } from './nova-versioned';
import { readNotification } from './notification';
import { malformed, unmetered } from './translation';

/**
 * OpenStack notifications → resource changes. Pure: the AMQP consumer in
 * apps/openstack-adapter feeds it message bodies and acts on the result.
 * Event types not listed in the rule tables are well-formed but unmetered.
 */
export const openStackAdapter: PlatformAdapter = {
  platform: 'openstack',
  translate(body: Uint8Array | string, context: DeliveryContext): Translation {
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    const notification = readNotification(text);
    if (typeof notification === 'string') return malformed(notification);
    const { eventType } = notification;
    const versioned = VERSIONED_RULES[eventType];
    if (versioned) return translateVersioned(notification, versioned, context.receivedAt);
    const legacy = LEGACY_RULES[eventType];
    if (legacy) return translateLegacy(notification, legacy, context.receivedAt);
    const volume = VOLUME_RULES[eventType];
    if (volume) return translateVolume(notification, volume, context.receivedAt);
    const floatingIp = FLOATING_IP_RULES[eventType];
    if (floatingIp) return translateFloatingIp(notification, floatingIp, context.receivedAt);
    return unmetered;
  },
};
