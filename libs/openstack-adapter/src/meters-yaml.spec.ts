import { fixtureText } from './testing/fixtures';

/** The `volume:` expression of a meter in ceilometer's meters.yaml. */
function volumeOf(yaml: string, meter: string): string | undefined {
  const block = yaml.split(/\n\s+- name: /).find((b) => b.startsWith(`'${meter}'`));
  return /\n\s+volume: (\S+)/.exec(block ?? '')?.[1];
}

describe("the payload fields read are OpenStack's own metering's (ceilometer meters.yaml)", () => {
  const yaml = fixtureText('openstack-ceilometer/ceilometer/data/meters.d/meters.yaml');

  it.each([
    ['vcpus', '$.payload.vcpus'],
    ['memory', '$.payload.memory_mb'],
    ['disk.root.size', '$.payload.root_gb'],
    ['volume.size', '$.payload.size'],
  ])('ceilometer meter %s reads %s', (meter, field) => {
    expect(volumeOf(yaml, meter)).toBe(field);
  });
});
