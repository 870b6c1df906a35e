import { deleted, resized, started, stopped } from './lifecycle';
import { toGaugeEvents } from './gauge-events';
import { deriveEventId } from './event-id';
import type { ResourceRef } from './lifecycle';

const ref = (overrides: Partial<ResourceRef> = {}): ResourceRef => ({
  origin: { eventId: 'msg-1', eventType: 'instance.create.end' },
  kind: 'instance',
  resourceId: 'vm-1',
  projectId: 'proj-a',
  at: new Date('2026-03-01T10:00:00Z'),
  ...overrides,
});

const quantities = (events: ReturnType<typeof toGaugeEvents>) =>
  Object.fromEntries(events.map((e) => [e.meterCode, e.quantity]));

describe('lifecycle → TIME_WEIGHTED gauge events', () => {
  it('a started instance sets vCPUs, memory and root disk at the event time', () => {
    const events = toGaugeEvents(
      started(ref(), { vcpus: '4', memoryGb: '0.5', diskGb: '20' }),
      'openstack',
    );
    expect(quantities(events)).toEqual({
      'compute.vcpu': '4',
      'compute.memory.gb': '0.5',
      'compute.disk.gb': '20',
    });
    expect(events.every((e) => e.timestamp === '2026-03-01T10:00:00.000Z')).toBe(true);
    expect(events.every((e) => e.resourceId === 'vm-1' && e.projectId === 'proj-a')).toBe(true);
    expect(events[0]?.properties).toMatchObject({
      event_type: 'instance.create.end',
      action: 'start',
      resource_kind: 'instance',
    });
  });

  it('stop and delete zero every gauge of the kind without being told the size', () => {
    for (const change of [stopped(ref()), deleted(ref())]) {
      expect(quantities(toGaugeEvents(change, 'openstack'))).toEqual({
        'compute.vcpu': '0',
        'compute.memory.gb': '0',
        'compute.disk.gb': '0',
      });
    }
  });

  it('a resize touches only the gauges it names', () => {
    const events = toGaugeEvents(resized(ref(), { vcpus: '8' }), 'openstack');
    expect(quantities(events)).toEqual({ 'compute.vcpu': '8' });
  });

  it('volumes and floating IPs have their own single gauge', () => {
    const volume = started(ref({ kind: 'volume', resourceId: 'vol-1' }), { volumeGb: '100' });
    const ip = started(ref({ kind: 'floatingip', resourceId: 'ip-1' }), { floatingIps: '1' });
    expect(quantities(toGaugeEvents(volume, 's'))).toEqual({ 'storage.volume.gb': '100' });
    expect(quantities(toGaugeEvents(ip, 's'))).toEqual({ 'network.floatingip': '1' });
  });

  it('refuses what metering would reject, naming the field', () => {
    expect(() => toGaugeEvents(started(ref({ projectId: '' }), {}), 's')).toThrow('projectId');
    expect(() => toGaugeEvents(started(ref(), { vcpus: '-1' }), 's')).toThrow('size.vcpus');
    expect(() => toGaugeEvents(started(ref({ at: new Date(NaN) }), {}), 's')).toThrow('at:');
  });
});

describe('deterministic event ids', () => {
  const change = started(ref(), { vcpus: '4', memoryGb: '1', diskGb: '10' });

  it('the same platform event always yields the same ids', () => {
    expect(toGaugeEvents(change, 'openstack').map((e) => e.id)).toEqual(
      toGaugeEvents({ ...change, at: new Date(change.at) }, 'openstack').map((e) => e.id),
    );
  });

  it('ids differ per meter, per event type, per resource, per message and per source', () => {
    const base = {
      source: 'openstack',
      platformEventId: 'msg-1',
      eventType: 'volume.create.end',
      resourceId: 'vol-1',
      meterCode: 'storage.volume.gb',
    };
    const variants = [
      base,
      { ...base, source: 'other' },
      { ...base, platformEventId: 'msg-2' },
      { ...base, eventType: 'volume.delete.end' },
      { ...base, resourceId: 'vol-2' },
      { ...base, meterCode: 'compute.vcpu' },
      // Framing: moving a character between parts must not collide.
      { ...base, source: 'openstackm', platformEventId: 'sg-1' },
    ];
    const ids = variants.map(deriveEventId);
    expect(new Set(ids).size).toBe(variants.length);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
  });
});
