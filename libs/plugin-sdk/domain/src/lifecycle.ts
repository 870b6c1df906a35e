import type { ResourceKind } from './gauges';
import type { ChangeOrigin, ResourceChange, ResourceSize } from './resource-change';

/** What every lifecycle helper needs: which resource, whose, when, and from which event. */
export interface ResourceRef {
  origin: ChangeOrigin;
  kind: ResourceKind;
  resourceId: string;
  projectId: string;
  at: Date;
  properties?: Readonly<Record<string, string>>;
}

/**
 * Readable constructors for adapters: `started(ref, { vcpus: '4' })` reads
 * like the platform event it came from. Each returns a plain ResourceChange.
 */
export const started = (ref: ResourceRef, size: ResourceSize): ResourceChange => ({
  ...ref,
  action: 'start',
  size,
});

export const resized = (ref: ResourceRef, size: ResourceSize): ResourceChange => ({
  ...ref,
  action: 'resize',
  size,
});

export const resumed = (ref: ResourceRef, size: ResourceSize): ResourceChange => ({
  ...ref,
  action: 'resume',
  size,
});

export const observed = (ref: ResourceRef, size: ResourceSize): ResourceChange => ({
  ...ref,
  action: 'observe',
  size,
});

export const stopped = (ref: ResourceRef): ResourceChange => ({ ...ref, action: 'stop', size: {} });

export const deleted = (ref: ResourceRef): ResourceChange => ({
  ...ref,
  action: 'delete',
  size: {},
});
