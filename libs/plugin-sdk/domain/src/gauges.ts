/**
 * The gauges a resource lifecycle drives. Meter codes are the API's names
 * (DESIGN.md): adapters for any platform meter into the same codes so plans
 * and invoices do not care which cloud produced the usage.
 */
export const GAUGE_METERS = {
  vcpus: 'compute.vcpu',
  memoryGb: 'compute.memory.gb',
  diskGb: 'compute.disk.gb',
  volumeGb: 'storage.volume.gb',
  floatingIps: 'network.floatingip',
} as const;

export type GaugeName = keyof typeof GAUGE_METERS;

export type ResourceKind = 'instance' | 'volume' | 'floatingip';

/** Every gauge of a kind: stopping or deleting a resource zeroes all of them. */
export const KIND_GAUGES: Readonly<Record<ResourceKind, readonly GaugeName[]>> = {
  instance: ['vcpus', 'memoryGb', 'diskGb'],
  volume: ['volumeGb'],
  floatingip: ['floatingIps'],
};

/** How each gauge's meter is declared when an adapter creates missing meters. */
export const GAUGE_DEFINITIONS: Readonly<Record<GaugeName, { name: string; unit: string }>> = {
  vcpus: { name: 'vCPU hours', unit: 'vCPU-hour' },
  memoryGb: { name: 'Memory GB hours', unit: 'GB-hour' },
  diskGb: { name: 'Root disk GB hours', unit: 'GB-hour' },
  volumeGb: { name: 'Block storage GB hours', unit: 'GB-hour' },
  floatingIps: { name: 'Floating IP hours', unit: 'IP-hour' },
};
