import type { RecordUsageResponse, UsageEvent } from '@cascade/contracts';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import type { TenantMapping } from './tenant-mapping';
import { draftToProto } from './to-proto';

export interface Refusal {
  event: UsageEventDraft;
  reason: string;
}

export interface SendOutcome {
  accepted: number;
  duplicates: number;
  /**
   * Ids metering had already recorded with a different payload: settled (the
   * first stays counted; sending again would conflict again), never retried,
   * and reported so the platform bug behind them is seen.
   */
  conflicts: Refusal[];
  /** Events to park: rejected by metering, or with no tenant to send them to. */
  refused: Refusal[];
}

/** A spool batch as it goes on the wire, remembering which draft is which event. */
export interface BatchRequest {
  batchId: string;
  events: UsageEvent[];
  /** The draft of each event in `events`, by index: metering's rejections name indexes. */
  sent: UsageEventDraft[];
  /** Drafts with no tenant to send them to; they never leave the SDK. */
  unmapped: Refusal[];
}

/**
 * Maps each draft's project to its tenant. A batch whose drafts are all
 * unmapped still goes out (empty): its acknowledgement keeps its turn in the
 * stream, so batches are always settled in spool order.
 */
export function batchRequest(
  batchId: string,
  tenants: TenantMapping,
  drafts: readonly UsageEventDraft[],
): BatchRequest {
  const request: BatchRequest = { batchId, events: [], sent: [], unmapped: [] };
  for (const draft of drafts) {
    const ref = tenants.externalRef(draft.projectId);
    if (ref === undefined)
      request.unmapped.push({
        event: draft,
        reason: `tenant: no mapping for project ${draft.projectId}`,
      });
    else {
      request.events.push(draftToProto(draft, ref));
      request.sent.push(draft);
    }
  }
  return request;
}

/** Metering's acknowledgement of a batch; per-event rejections matched to their drafts by index. */
export function batchOutcome(request: BatchRequest, ack: RecordUsageResponse): SendOutcome {
  const refused = [...request.unmapped];
  for (const rejection of ack.rejected) {
    const draft = request.sent[rejection.index];
    if (draft) refused.push({ event: draft, reason: rejection.reason });
  }
  const conflicts: Refusal[] = [];
  for (const conflict of ack.conflicting) {
    const draft = request.sent[conflict.index];
    if (draft) conflicts.push({ event: draft, reason: conflict.reason });
  }
  return { accepted: ack.accepted, duplicates: ack.duplicates, conflicts, refused };
}
