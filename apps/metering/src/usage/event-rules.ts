/**
 * Rules on an event's time that need the tenant it resolved to, applied to
 * each event on its own: a string names the field and the reason it is
 * rejected. Kept apart from the ingest path so that path calls one function.
 */

/** How far ahead of this server's clock an event may be stamped (docs/API.md). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface EventTenant {
  /** How the event named the tenant, for the reason. */
  label: string;
  closedAt: Date | undefined;
}

export function eventTimeProblem(
  timestamp: Date,
  tenant: EventTenant,
  now: Date,
): string | undefined {
  if (timestamp.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return `timestamp: ${timestamp.toISOString()} is more than 5 minutes ahead of the server's clock (${now.toISOString()})`;
  if (tenant.closedAt && timestamp.getTime() >= tenant.closedAt.getTime())
    return `timestamp: tenant ${JSON.stringify(tenant.label)} closed at ${tenant.closedAt.toISOString()}`;
  return undefined;
}
