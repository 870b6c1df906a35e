import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { UsageEvent, UsageEventSchema } from '@cascade/contracts';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';

/** A draft on the wire, attributed by external_ref (the tenant id stays metering's business). */
export function draftToProto(draft: UsageEventDraft, externalRef: string): UsageEvent {
  return create(UsageEventSchema, {
    id: draft.id,
    source: draft.source,
    tenantExternalRef: externalRef,
    meterCode: draft.meterCode,
    quantity: draft.quantity,
    timestamp: timestampFromDate(new Date(draft.timestamp)),
    resourceId: draft.resourceId,
    properties: { ...draft.properties, project_id: draft.projectId },
  });
}
