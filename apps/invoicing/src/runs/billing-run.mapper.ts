import { MessageInitShape } from '@bufbuild/protobuf';
import { BillingRunSchema, BillingRunStatus } from '@cascade/contracts';
import { toTimestamp } from '@cascade/platform';
import { BillingRunRow } from '../persistence/billing-run.entity';

export function billingRunToProto(run: BillingRunRow): MessageInitShape<typeof BillingRunSchema> {
  return {
    id: run.id,
    periodStart: toTimestamp(run.periodStart),
    periodEnd: toTimestamp(run.periodEnd),
    status: BillingRunStatus[run.status],
    edgesSeen: run.edgesSeen,
    invoicesBilled: run.invoicesBilled,
    invoicesWritten: run.invoicesCreated + run.invoicesUpdated,
    invoicesCreated: run.invoicesCreated,
    invoicesUpdated: run.invoicesUpdated,
    invoicesUnchanged: run.invoicesUnchanged,
    invoicesLocked: run.invoicesLocked,
    startedAt: toTimestamp(run.startedAt),
    finishedAt: run.finishedAt ? toTimestamp(run.finishedAt) : undefined,
    progressAt: toTimestamp(run.progressAt),
    error: run.error ?? '',
    supersededBy: run.supersededBy ?? '',
    resumes: run.resumes ?? '',
    edgesTotal: run.edgesTotal,
    unpricedLines: run.unpricedLines,
    preview: run.preview === 1,
    startedBy: run.startedBy,
  };
}
