/**
 * A usage event before tenant mapping. The spool and the parking lot keep
 * drafts, not wire events, so that fixing a project → tenant mapping and
 * retrying parked events picks the new mapping up.
 */
export interface UsageEventDraft {
  id: string;
  source: string;
  projectId: string;
  meterCode: string;
  /** Decimal string; for a gauge, its value from `timestamp` on. */
  quantity: string;
  /** ISO-8601 UTC. */
  timestamp: string;
  resourceId: string;
  properties: Record<string, string>;
}
