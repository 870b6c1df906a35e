import { envelope, fixtureJson, osloTime, stamped } from '@cascade/openstack-adapter/testing';

/**
 * Real fixture notifications, given the envelope fields oslo would set on the
 * wire: a timestamp the test controls and a message id. Payloads are the
 * samples' own; where no sample exists for an event type, the nearest
 * sample is retyped, and that is said where it happens.
 */
export const PROJECTS = {
  versioned: '6f70656e737461636b20342065766572',
  legacy: '7c150a59fe714e6f9263774af9688f0e',
  cinder: '7ffe17a15c724e2aa79fc839540aec15',
  neutron: '6e5f9df9b3a249ab834f25fe1b1b81fd',
};

export interface Outgoing {
  exchange: 'nova' | 'cinder' | 'neutron';
  routingKey: string;
  body: string;
}

const minutes = (t0: string, m: number) =>
  new Date(new Date(t0).getTime() + m * 60_000).toISOString();

let counter = 0;
const messageId = () => `test-msg-${process.pid}-${++counter}`;

function wire(message: Record<string, unknown>, at: string, wrapped: boolean, id?: string) {
  const full = stamped(message, { timestamp: osloTime(at), messageId: id ?? messageId() });
  return wrapped ? envelope(full) : JSON.stringify(full);
}

/** A versioned Nova sample from openstack-nova/resolved. */
export function nova(sample: string, at: string, wrapped = true): Outgoing {
  const message = fixtureJson(`openstack-nova/resolved/${sample}.json`);
  return {
    exchange: 'nova',
    routingKey: 'versioned_notifications.info',
    body: wire(message, at, wrapped),
  };
}

const HISTORICAL = 'openstack-ceilometer/historical/extracted-json';

/** A legacy compute.instance.* sample; `eventType` retypes it (no delete.end sample exists). */
export function legacyNova(sample: string, at: string, eventType?: string): Outgoing {
  const message = fixtureJson(`${HISTORICAL}/compute/${sample}.json`);
  const typed = eventType ? { ...message, event_type: eventType } : message;
  return { exchange: 'nova', routingKey: 'notifications.info', body: wire(typed, at, true) };
}

/** A Cinder sample: they all share one message_id, kept as it is. */
export function cinder(sample: string, at: string): Outgoing {
  const message = fixtureJson(`${HISTORICAL}/volume/${sample}.json`);
  const body = wire(message, at, false, message['message_id'] as string);
  return { exchange: 'cinder', routingKey: 'notifications.info', body };
}

/** The floatingip.exists sample; `deleted` retypes it as delete.end with Neutron's delete payload. */
export function floatingIp(at: string, deleted = false): Outgoing {
  const message = fixtureJson(`${HISTORICAL}/network/NOTIFICATION_FLOATINGIP_EXISTS.json`);
  const typed = deleted
    ? {
        ...message,
        event_type: 'floatingip.delete.end',
        payload: {
          floatingip_id: '2b7cc28c-6f78-4735-9246-257168405de6',
          ...(message['payload'] as object),
        },
      }
    : message;
  return { exchange: 'neutron', routingKey: 'notifications.info', body: wire(typed, at, true) };
}

export { minutes };
