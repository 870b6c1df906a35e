import { fixtureJson, fixtureText, stamped } from './testing/fixtures';
import { onlyChange, translate } from './testing/translate';

const compute = (name: string) =>
  fixtureText(`openstack-ceilometer/historical/extracted-json/compute/${name}.json`);

describe('legacy compute.instance.* notifications (ceilometer historical)', () => {
  it('create.end: sizes from the payload, time from the oslo timestamp, id from message_id', () => {
    const change = onlyChange(translate(compute('INSTANCE_CREATE_END')));
    expect(change).toEqual({
      origin: {
        eventId: 'dae6f69c-00e0-41c0-b371-41ec3b7f4451',
        eventType: 'compute.instance.create.end',
      },
      action: 'start',
      kind: 'instance',
      resourceId: '9f9d01b9-4a58-4271-9e27-398b21ab20d1',
      projectId: '7c150a59fe714e6f9263774af9688f0e',
      at: new Date('2012-05-08T20:23:48.028Z'),
      size: { vcpus: '1', memoryGb: '0.5', diskGb: '0' },
      properties: { flavor: 'm1.tiny' },
    });
  });

  it('finish_resize.end sets the new flavor: 2048 MB is 2 GB, root disk 20 GB', () => {
    const change = onlyChange(translate(compute('INSTANCE_FINISH_RESIZE_END')));
    expect(change).toMatchObject({
      action: 'resize',
      size: { vcpus: '1', memoryGb: '2', diskGb: '20' },
      projectId: 'cea4b25edb484e5392727181b7721d29',
      at: new Date('2013-01-04T15:10:17.436Z'),
    });
  });

  it('resize.revert.end sets the flavor it reverted to', () => {
    expect(onlyChange(translate(compute('INSTANCE_RESIZE_REVERT_END'))).action).toBe('resize');
  });

  it('exists re-asserts the running flavor; its project comes from the payload', () => {
    // _context_project_id is null in this sample: the payload tenant_id decides.
    expect(onlyChange(translate(compute('INSTANCE_EXISTS')))).toMatchObject({
      action: 'observe',
      resourceId: '3a513875-95c9-4012-a3e7-f90c678854e5',
      projectId: '7c150a59fe714e6f9263774af9688f0e',
      at: new Date('2012-05-08T16:03:44.122Z'),
    });
  });

  it('falls back to _context_project_id when the payload has no tenant_id', () => {
    const message = fixtureJson(
      'openstack-ceilometer/historical/extracted-json/compute/INSTANCE_CREATE_END.json',
    );
    const payload = { ...(message['payload'] as Record<string, unknown>), tenant_id: '' };
    const change = onlyChange(translate(JSON.stringify({ ...message, payload })));
    expect(change.projectId).toBe('7c150a59fe714e6f9263774af9688f0e');
  });

  it('delete.start, scheduled and exists with metadata list are handled without error', () => {
    expect(translate(compute('INSTANCE_DELETE_START'))).toEqual({ kind: 'changes', changes: [] });
    expect(translate(compute('INSTANCE_SCHEDULED'))).toEqual({ kind: 'changes', changes: [] });
    expect(onlyChange(translate(compute('INSTANCE_EXISTS_METADATA_LIST'))).action).toBe('observe');
  });

  it('delete.end zeroes the instance at the notification time', () => {
    const message = fixtureJson(
      'openstack-ceilometer/historical/extracted-json/compute/INSTANCE_DELETE_START.json',
    );
    const deleted = stamped(
      { ...message, event_type: 'compute.instance.delete.end' },
      { timestamp: '2012-05-08 21:53:48.000000', messageId: 'del-1' },
    );
    expect(onlyChange(translate(JSON.stringify(deleted)))).toMatchObject({
      action: 'delete',
      size: {},
      at: new Date('2012-05-08T21:53:48Z'),
    });
  });
});
