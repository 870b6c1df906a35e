import * as fs from 'node:fs';
import * as path from 'node:path';
import { toGaugeEvents } from '@cascade/plugin-sdk/domain';
import { fixtureText, FIXTURES } from './testing/fixtures';
import { onlyChange, RECEIVED, translate } from './testing/translate';

const resolved = (name: string) => fixtureText(`openstack-nova/resolved/${name}.json`);
const VM = '178b0921-8f85-4257-88b6-2e743b5a975c';
const PROJECT = '6f70656e737461636b20342065766572';
const SAMPLE_TIME = new Date('2012-10-29T13:42:11Z');
const FLAVOR = { vcpus: '1', memoryGb: '0.5', diskGb: '1' };

describe('versioned Nova notifications (openstack-nova/resolved)', () => {
  it.each([
    ['instance-create-end', 'start', FLAVOR],
    ['instance-resize_finish-end', 'resize', { vcpus: '1', memoryGb: '0.25', diskGb: '1' }],
    ['instance-resize_revert-end', 'resize', FLAVOR],
    ['instance-resize_confirm-end', 'resize', { vcpus: '1', memoryGb: '2', diskGb: '20' }],
    ['instance-power_on-end', 'resume', FLAVOR],
    ['instance-unshelve-end', 'resume', FLAVOR],
    ['instance-restore-end', 'resume', FLAVOR],
    ['instance-power_off-end', 'stop', {}],
    ['instance-shelve-end', 'stop', {}],
    ['instance-shelve_offload-end', 'stop', {}],
    ['instance-soft_delete-end', 'stop', {}],
    ['instance-delete-end', 'delete', {}],
    ['instance-exists', 'observe', FLAVOR],
    ['instance-update-tags-action', 'observe', FLAVOR],
  ])('%s → %s %j', (name, action, size) => {
    const change = onlyChange(translate(resolved(name)));
    expect(change).toMatchObject({ action, size, kind: 'instance', resourceId: VM });
    expect(change.projectId).toBe(PROJECT);
    // No oslo timestamp in the samples: the payload's own time is used, not the receipt time.
    expect(change.at).toEqual(SAMPLE_TIME);
    expect(change.origin.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('an update for an instance that never launched is not billed', () => {
    // instance-update.json: state "active" while still building, launched_at null.
    expect(translate(resolved('instance-update'))).toEqual({ kind: 'changes', changes: [] });
  });

  it('a create becomes vCPU, memory GB (memory_mb / 1024) and root disk GB gauges', () => {
    const events = toGaugeEvents(onlyChange(translate(resolved('instance-create-end'))), 'os');
    expect(events.map((e) => [e.meterCode, e.quantity, e.timestamp])).toEqual([
      ['compute.vcpu', '1', '2012-10-29T13:42:11.000Z'],
      ['compute.memory.gb', '0.5', '2012-10-29T13:42:11.000Z'],
      ['compute.disk.gb', '1', '2012-10-29T13:42:11.000Z'],
    ]);
    expect(events[0]?.properties).toMatchObject({ flavor: 'test_flavor' });
  });

  it('the same message translates to the same event ids every time', () => {
    const ids = () =>
      toGaugeEvents(onlyChange(translate(resolved('instance-delete-end'))), 'os').map((e) => e.id);
    expect(ids()).toEqual(ids());
  });

  it('reads every one of the 140 samples without calling any malformed', () => {
    const dir = path.join(FIXTURES, 'openstack-nova/resolved');
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(140);
    for (const name of names) {
      const translation = translate(fs.readFileSync(path.join(dir, name), 'utf8'));
      expect([name, translation.kind]).toEqual([name, 'changes']);
    }
  });

  it('is metered only for instance events: aggregates, flavors, keypairs are not', () => {
    for (const name of ['flavor-create', 'aggregate-create-end', 'keypair-create-end']) {
      expect(translate(resolved(name))).toEqual({ kind: 'changes', changes: [] });
    }
  });

  it('a message with no time at all falls back to the time it was received', () => {
    const message = JSON.parse(resolved('instance-power_off-end')) as {
      payload: { 'nova_object.data': Record<string, unknown> };
    };
    message.payload['nova_object.data']['updated_at'] = null;
    expect(onlyChange(translate(JSON.stringify(message))).at).toEqual(RECEIVED);
  });
});
