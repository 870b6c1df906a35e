import { createHash } from 'node:crypto';

export interface EventIdParts {
  source: string;
  platformEventId: string;
  eventType: string;
  resourceId: string;
  meterCode: string;
}

/**
 * The usage event id for one gauge of one platform event. Derived, never
 * random: a redelivered platform event yields the same ids, so metering
 * counts it as a duplicate instead of double usage. JSON framing keeps the
 * parts unambiguous ("a|b" + "c" never collides with "a" + "b|c").
 */
export function deriveEventId(parts: EventIdParts): string {
  const framed = JSON.stringify([
    parts.source,
    parts.platformEventId,
    parts.eventType,
    parts.resourceId,
    parts.meterCode,
  ]);
  return createHash('sha256').update(framed).digest('hex');
}

/** A stable id for a platform message that carries none: the hash of its exact bytes. */
export function contentId(body: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}
