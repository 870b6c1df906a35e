import { fixtureText } from './testing/fixtures';
import { onlyChange, translate } from './testing/translate';

const derived = (name: string) => fixtureText(`derived/oslo-envelope-2.0/${name}.envelope.json`);
const resolved = (name: string) => fixtureText(`openstack-nova/resolved/${name}.json`);
const legacy = (dir: string, name: string) =>
  fixtureText(`openstack-ceilometer/historical/extracted-json/${dir}/${name}.json`);

describe('oslo.messaging 2.0 envelope and bare messages', () => {
  it.each([
    ['versioned-instance-create-end', resolved('instance-create-end')],
    ['versioned-instance-delete-end', resolved('instance-delete-end')],
    ['versioned-instance-exists', resolved('instance-exists')],
    ['versioned-instance-resize_finish-end', resolved('instance-resize_finish-end')],
    ['legacy-INSTANCE_CREATE_END', legacy('compute', 'INSTANCE_CREATE_END')],
    ['legacy-INSTANCE_FINISH_RESIZE_END', legacy('compute', 'INSTANCE_FINISH_RESIZE_END')],
    ['legacy-NOTIFICATION_FLOATINGIP_EXISTS', legacy('network', 'NOTIFICATION_FLOATINGIP_EXISTS')],
  ])('%s in its envelope means the same as bare', (name, bare) => {
    const wrapped = onlyChange(translate(derived(name)));
    const plain = onlyChange(translate(bare));
    // Without a message_id the origin is a hash of the bytes, which differ in layout.
    expect({ ...wrapped, origin: wrapped.origin.eventType }).toEqual({
      ...plain,
      origin: plain.origin.eventType,
    });
  });

  it('legacy envelopes keep their message_id as the origin', () => {
    expect(onlyChange(translate(derived('legacy-INSTANCE_CREATE_END'))).origin.eventId).toBe(
      'dae6f69c-00e0-41c0-b371-41ec3b7f4451',
    );
  });

  it.each([
    ['not json', 'body: not a JSON object'],
    ['[1,2]', 'body: not a JSON object'],
    ['{"oslo.version":"1.0","oslo.message":"{}"}', 'oslo.version: unsupported "1.0"'],
    ['{"oslo.version":"2.0","oslo.message":{"a":1}}', 'oslo.message: not a string'],
    ['{"oslo.version":"2.0","oslo.message":"{oops"}', 'oslo.message: not a JSON object'],
    ['{"payload":{}}', 'event_type: missing'],
    ['{"event_type":"instance.create.end","payload":{"uuid":"x"}}', 'payload: not a nova_object'],
    ['{"event_type":"compute.instance.create.end","payload":"x"}', 'payload: not an object'],
    [
      '{"event_type":"volume.create.end","payload":{"tenant_id":"p","size":1}}',
      'payload.volume_id: missing',
    ],
    [
      '{"event_type":"volume.create.end","timestamp":"yesterday","payload":{"volume_id":"v","tenant_id":"p","size":1}}',
      'timestamp: unreadable "yesterday"',
    ],
    [
      '{"event_type":"compute.instance.create.end","payload":{"instance_id":"i","tenant_id":"p","vcpus":1}}',
      'payload: flavor memory_mb missing',
    ],
  ])('malformed %s → %s', (body, reason) => {
    expect(translate(body)).toEqual({ kind: 'malformed', reason });
  });
});
