import { toJson } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { BillingRun, BillingRunSchema, BillingRunStatus } from '@cascade/contracts';
import { Column } from '../../core/output';
import { day } from '../../core/periods';

export const RUN_COLUMNS: Column<BillingRun>[] = [
  {
    header: 'period',
    value: (r) => day(r.periodStart && timestampDate(r.periodStart)).slice(0, 7),
  },
  { header: 'status', value: (r) => BillingRunStatus[r.status] },
  { header: 'preview', value: (r) => (r.preview ? 'yes' : '') },
  // edges_total is known once rating has listed the edges; 0 before.
  {
    header: 'edges',
    value: (r) => (r.edgesTotal ? `${r.edgesSeen}/${r.edgesTotal}` : String(r.edgesSeen)),
    right: true,
  },
  { header: 'invoices', value: (r) => String(r.invoicesBilled), right: true },
  { header: 'created', value: (r) => String(r.invoicesCreated), right: true },
  { header: 'updated', value: (r) => String(r.invoicesUpdated), right: true },
  { header: 'unchanged', value: (r) => String(r.invoicesUnchanged), right: true },
  { header: 'locked', value: (r) => String(r.invoicesLocked), right: true },
  { header: 'unpriced', value: (r) => String(r.unpricedLines), right: true },
  { header: 'started_by', value: (r) => r.startedBy },
  {
    header: 'started',
    value: (r) => (r.startedAt ? timestampDate(r.startedAt).toISOString() : ''),
  },
  { header: 'id', value: (r) => r.id },
];

export const runJson = (r: BillingRun) => toJson(BillingRunSchema, r);
