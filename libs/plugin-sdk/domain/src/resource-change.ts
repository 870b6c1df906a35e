import type { GaugeName, ResourceKind } from './gauges';

/**
 * What happened to a resource. `start`, `resize`, `resume` and `observe`
 * set every gauge given in `size` from `at` on; `stop` and `delete` set every
 * gauge of the kind to 0. `observe` is a periodic "still like this" (an audit
 * or exists notification): re-asserting a value never changes the integral,
 * and it starts accrual for a resource whose create was never seen.
 */
export type LifecycleAction = 'start' | 'resize' | 'resume' | 'observe' | 'stop' | 'delete';

export const STOPPING_ACTIONS: ReadonlySet<LifecycleAction> = new Set(['stop', 'delete']);

/** Gauge values as decimal strings ("4", "0.5"); a gauge left out is not touched. */
export type ResourceSize = Partial<Record<GaugeName, string>>;

/** The platform event a change came from: the root of its deterministic event ids. */
export interface ChangeOrigin {
  /** The platform's message id, or a content hash when it has none. */
  eventId: string;
  /** The platform's event type; one message id may carry several types. */
  eventType: string;
}

export interface ResourceChange {
  origin: ChangeOrigin;
  action: LifecycleAction;
  kind: ResourceKind;
  resourceId: string;
  /** The platform's project or account id; mapped to a tenant's external_ref on send. */
  projectId: string;
  at: Date;
  size: ResourceSize;
  /** Extra facts kept on every usage event (flavor name, ...), for explaining invoices. */
  properties?: Readonly<Record<string, string>>;
}
