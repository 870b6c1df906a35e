import type { Client } from '@connectrpc/connect';
import type { UsageService } from '@cascade/contracts';
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
  /** Events to park: rejected by metering, or with no tenant to send them to. */
  refused: Refusal[];
}

/**
 * One RecordUsage call for a batch of drafts. Transport and status errors
 * propagate (the drainer decides about retrying); per-event rejections come
 * back as refusals, matched to their drafts by index.
 */
export async function sendBatch(
  client: Client<typeof UsageService>,
  tenants: TenantMapping,
  drafts: readonly UsageEventDraft[],
  signal?: AbortSignal,
): Promise<SendOutcome> {
  const refused: Refusal[] = [];
  const sendable: { draft: UsageEventDraft; ref: string }[] = [];
  for (const draft of drafts) {
    const ref = tenants.externalRef(draft.projectId);
    if (ref === undefined)
      refused.push({ event: draft, reason: `tenant: no mapping for project ${draft.projectId}` });
    else sendable.push({ draft, ref });
  }
  if (sendable.length === 0) return { accepted: 0, duplicates: 0, refused };
  const response = await client.recordUsage(
    { events: sendable.map(({ draft, ref }) => draftToProto(draft, ref)) },
    { signal },
  );
  for (const rejection of response.rejected) {
    const draft = sendable[rejection.index]?.draft;
    if (draft) refused.push({ event: draft, reason: rejection.reason });
  }
  return { accepted: response.accepted, duplicates: response.duplicates, refused };
}
