import type { ResourceChange } from './resource-change';

/** What a transport knows about a delivery besides its bytes. */
export interface DeliveryContext {
  /** When the transport received the message: the last-resort event time. */
  receivedAt: Date;
}

/**
 * `changes` may be empty: a well-formed event that is not metered.
 * `malformed` carries the reason the message goes to the dead-letter queue.
 */
export type Translation =
  { kind: 'changes'; changes: ResourceChange[] } | { kind: 'malformed'; reason: string };

/**
 * A platform adapter: one platform message in, resource changes out. Pure
 * (no I/O, no clock, never throws) so it is tested against recorded messages
 * alone; the transport around it acknowledges, retries and dead-letters.
 * See libs/plugin-sdk/README.md for writing one.
 */
export interface PlatformAdapter {
  /** Short platform name, e.g. "openstack". */
  readonly platform: string;
  translate(body: Uint8Array | string, context: DeliveryContext): Translation;
}
