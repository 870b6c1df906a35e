import { Code, ConnectError } from '@connectrpc/connect';

/**
 * Codes that say "this request can never succeed as sent". Those events are
 * parked; anything else (UNAVAILABLE, DEADLINE_EXCEEDED, connection errors,
 * RESOURCE_EXHAUSTED, INTERNAL, ...) is retried, forever, because the events
 * are safe in the spool and a stuck queue is louder than a lost event.
 */
const PERMANENT = new Set<Code>([
  Code.InvalidArgument,
  Code.OutOfRange,
  Code.FailedPrecondition,
  Code.NotFound,
  Code.AlreadyExists,
  Code.PermissionDenied,
  Code.Unauthenticated,
  Code.Unimplemented,
]);

export function isRetryable(error: unknown): boolean {
  return !PERMANENT.has(ConnectError.from(error).code);
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  multiplier: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 10_000, multiplier: 2 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half
 * random, so many adapters restarting together do not retry in lockstep.
 * `attempt` counts from 0; `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}
