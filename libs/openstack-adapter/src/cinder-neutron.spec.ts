import { fixtureJson, fixtureText, stamped } from './testing/fixtures';
import { onlyChange, translate } from './testing/translate';

const volume = (name: string, timestamp = '2014-10-28 10:00:00.000000') =>
  JSON.stringify(
    stamped(fixtureJson(`openstack-ceilometer/historical/extracted-json/volume/${name}.json`), {
      timestamp,
    }),
  );
const network = (name: string) =>
  fixtureText(`openstack-ceilometer/historical/extracted-json/network/${name}.json`);
const VOLUME = 'cccccccc-cccc-cccc-cccccccccccc';
const NONE = { kind: 'changes', changes: [] };

describe('Cinder volume.* notifications', () => {
  it.each([
    ['NOTIFICATION_VOLUME_CREATE_END', 'start', { volumeGb: '1' }],
    ['NOTIFICATION_VOLUME_RESIZE_END', 'resize', { volumeGb: '1' }],
    ['NOTIFICATION_VOLUME_EXISTS', 'observe', { volumeGb: '1' }],
    ['NOTIFICATION_VOLUME_DELETE_END', 'delete', {}],
  ])('%s → %s %j', (name, action, size) => {
    expect(onlyChange(translate(volume(name)))).toMatchObject({
      action,
      size,
      kind: 'volume',
      resourceId: VOLUME,
      projectId: '7ffe17a15c724e2aa79fc839540aec15',
      at: new Date('2014-10-28T10:00:00Z'),
      properties: { volume_type: '3a9a398b-7e3b-40da-b09e-2115ad8cd68b' },
    });
  });

  it('one message id on several event types still gives distinct origins', () => {
    // All the Cinder samples share message_id 0c65cb9c-…: the event type tells them apart.
    const create = onlyChange(translate(volume('NOTIFICATION_VOLUME_CREATE_END'))).origin;
    const remove = onlyChange(translate(volume('NOTIFICATION_VOLUME_DELETE_END'))).origin;
    expect(create.eventId).toBe(remove.eventId);
    expect(create.eventType).not.toBe(remove.eventType);
  });

  it('the fixture sentinel "__NOW__" is not a time: malformed, with the reason', () => {
    const raw = fixtureText(
      'openstack-ceilometer/historical/extracted-json/volume/NOTIFICATION_VOLUME_CREATE_END.json',
    );
    expect(translate(raw)).toEqual({
      kind: 'malformed',
      reason: 'timestamp: unreadable "__NOW__"',
    });
  });

  it.each([
    'NOTIFICATION_VOLUME_CREATE_START',
    'NOTIFICATION_VOLUME_ATTACH_END',
    'NOTIFICATION_VOLUME_DETACH_END',
    'NOTIFICATION_SNAPSHOT_CREATE_END',
    'NOTIFICATION_SNAPSHOT_EXISTS',
  ])('%s is not metered', (name) => {
    expect(translate(volume(name))).toEqual(NONE);
  });
});

describe('Neutron floatingip.* notifications', () => {
  it('floatingip.exists keeps the IP billed for the owner in the payload, not the caller', () => {
    expect(onlyChange(translate(network('NOTIFICATION_FLOATINGIP_EXISTS')))).toEqual({
      origin: { eventId: '9e839576-cc47-4c60-a7d8-5743681213b1', eventType: 'floatingip.exists' },
      action: 'observe',
      kind: 'floatingip',
      resourceId: '2b7cc28c-6f78-4735-9246-257168405de6',
      // _context_tenant_id is 82ed0c40…, the IP belongs to 6e5f9df9….
      projectId: '6e5f9df9b3a249ab834f25fe1b1b81fd',
      at: new Date('2012-09-27T14:11:27.086Z'),
      size: { floatingIps: '1' },
      properties: { floating_ip_address: '172.24.4.227' },
    });
  });

  it('create.end starts and delete.end (with only floatingip_id) stops the IP', () => {
    const exists = fixtureJson(
      'openstack-ceilometer/historical/extracted-json/network/NOTIFICATION_FLOATINGIP_EXISTS.json',
    );
    const created = { ...exists, event_type: 'floatingip.create.end' };
    expect(onlyChange(translate(JSON.stringify(created)))).toMatchObject({
      action: 'start',
      size: { floatingIps: '1' },
    });
    const removed = {
      ...exists,
      event_type: 'floatingip.delete.end',
      payload: { floatingip_id: '2b7cc28c-6f78-4735-9246-257168405de6' },
    };
    expect(onlyChange(translate(JSON.stringify(removed)))).toMatchObject({
      action: 'delete',
      resourceId: '2b7cc28c-6f78-4735-9246-257168405de6',
      projectId: '82ed0c40ebe64d0bb3310027039c8ed2',
      size: {},
    });
  });

  it('update.start (with its mangled sample timestamp) and other resources are not metered', () => {
    expect(translate(network('NOTIFICATION_FLOATINGIP_UPDATE_START'))).toEqual(NONE);
    for (const name of [
      'NOTIFICATION_NETWORK_CREATE',
      'NOTIFICATION_PORT_CREATE',
      'NOTIFICATION_ROUTER_EXISTS',
    ])
      expect(translate(network(name))).toEqual(NONE);
  });
});
