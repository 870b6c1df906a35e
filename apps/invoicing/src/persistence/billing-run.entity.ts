import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

export const BILLING_RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'SUPERSEDED'] as const;
export type BillingRunStatus = (typeof BILLING_RUN_STATUSES)[number];

/** What a run has done so far; saved with every progress report. */
export interface RunCounts {
  edgesSeen: number;
  invoicesBilled: number;
  invoicesCreated: number;
  invoicesUpdated: number;
  invoicesUnchanged: number;
  invoicesLocked: number;
  /** Edge parts to rate, once rating (or metering) has listed them; 0 before. */
  edgesTotal: number;
  /** (edge, meter) pairs with usage no plan priced. */
  unpricedLines: number;
}

/** One RunBilling call: its window, progress and outcome. */
export interface BillingRunRow extends RunCounts {
  id: string;
  periodStart: Date;
  periodEnd: Date;
  status: BillingRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  progressAt: Date;
  error: string | null;
  supersededBy: string | null;
  resumes: string | null;
  /** 1 for a preview of a period not yet ended. */
  preview: number;
  /** "scheduler", the caller's key id, or "operator". */
  startedBy: string;
}

export const BillingRunEntity = new EntitySchema<BillingRunRow>({
  name: 'BillingRunRow',
  tableName: 'billing_run',
  properties: {
    id: { type: 'string', primary: true },
    periodStart: { type: InstantType, fieldName: 'period_start' },
    periodEnd: { type: InstantType, fieldName: 'period_end' },
    status: { type: 'string' },
    edgesSeen: { type: 'integer', fieldName: 'edges_seen' },
    invoicesBilled: { type: 'integer', fieldName: 'invoices_billed' },
    invoicesCreated: { type: 'integer', fieldName: 'invoices_created' },
    invoicesUpdated: { type: 'integer', fieldName: 'invoices_updated' },
    invoicesUnchanged: { type: 'integer', fieldName: 'invoices_unchanged' },
    invoicesLocked: { type: 'integer', fieldName: 'invoices_locked' },
    startedAt: { type: InstantType, fieldName: 'started_at' },
    finishedAt: { type: InstantType, nullable: true, fieldName: 'finished_at' },
    progressAt: { type: InstantType, fieldName: 'progress_at' },
    error: { type: 'text', nullable: true },
    supersededBy: { type: 'string', nullable: true, fieldName: 'superseded_by' },
    resumes: { type: 'string', nullable: true },
    edgesTotal: { type: 'integer', fieldName: 'edges_total' },
    unpricedLines: { type: 'integer', fieldName: 'unpriced_lines' },
    preview: { type: 'integer' },
    startedBy: { type: 'string', fieldName: 'started_by' },
  },
});

export function noCounts(): RunCounts {
  return {
    edgesSeen: 0,
    invoicesBilled: 0,
    invoicesCreated: 0,
    invoicesUpdated: 0,
    invoicesUnchanged: 0,
    invoicesLocked: 0,
    edgesTotal: 0,
    unpricedLines: 0,
  };
}
