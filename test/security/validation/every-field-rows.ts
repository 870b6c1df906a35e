// For each RPC a request with two or more bad fields, and every problem its
// answer names, in order. Each problem is worded as the per-field rows have it.
import { OCTOBER } from '../fixture-tree';
import { at, long, OUT_OF_RANGE, OUT_OF_RANGE_MESSAGE, Request } from './validation-table';

export interface EveryFieldRow {
  rpc: string;
  request: Request;
  problems: string[];
}

const TENANTS = 'cascade.metering.v1.TenantService';
const USAGE = 'cascade.metering.v1.UsageService';
const PAGE_SIZE = 'page_size: must be between 1 and 1000';
const PAGE_TOKEN = 'page_token: is not a token this service issued';
const TOO_LONG = 'must be at most 255 characters';
const reversed = { periodStart: OCTOBER.periodEnd, periodEnd: OCTOBER.periodStart };

const METERING: EveryFieldRow[] = [
  {
    rpc: `${TENANTS}/GetTenant`,
    request: { id: long(256), externalRef: long(256) },
    problems: [`id: ${TOO_LONG}`, `external_ref: ${TOO_LONG}`],
  },
  {
    rpc: `${TENANTS}/ListTenants`,
    request: { parentId: long(256), pageSize: 1001, pageToken: 'garbage' },
    problems: [`parent_id: ${TOO_LONG}`, PAGE_SIZE, PAGE_TOKEN],
  },
  {
    rpc: `${TENANTS}/ListBillingEdges`,
    request: { periodStart: OUT_OF_RANGE, pageSize: -1, pageToken: '-5' },
    problems: [
      `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      'period_end: is required',
      PAGE_SIZE,
      PAGE_TOKEN,
    ],
  },
  {
    rpc: `${TENANTS}/ListBillingEdges`,
    request: { ...reversed, pageToken: 'garbage' },
    problems: ['period_end: must be after period_start', PAGE_TOKEN],
  },
  {
    rpc: `${USAGE}/QueryUsage`,
    request: {
      tenantId: '',
      meterCode: '',
      granularity: 99,
      groupBy: 99,
      from: OUT_OF_RANGE,
      attributedParentId: long(256),
    },
    problems: [
      'tenant_id: is required',
      'meter_code: is required',
      'granularity: must be GRANULARITY_HOUR, GRANULARITY_DAY or GRANULARITY_MONTH',
      'group_by: must be GROUP_BY_RESOURCE or GROUP_BY_CHILD_TENANT',
      `from: ${OUT_OF_RANGE_MESSAGE}`,
      'to: is required',
      `attributed_parent_id: ${TOO_LONG}`,
    ],
  },
  {
    rpc: `${USAGE}/QueryUsage`,
    request: {
      tenantId: long(256),
      meterCode: 'm',
      from: OCTOBER.periodEnd,
      to: OCTOBER.periodStart,
    },
    problems: [`tenant_id: ${TOO_LONG}`, 'to: must be after from'],
  },
  {
    rpc: `${USAGE}/ListEdgeUsage`,
    request: { meterCode: '', to: OCTOBER.periodEnd },
    problems: ['meter_code: is required', 'from: is required'],
  },
  {
    rpc: `${USAGE}/ListEdgeUsage`,
    request: { meterCode: '', from: OCTOBER.periodEnd, to: OCTOBER.periodStart },
    problems: ['meter_code: is required', 'to: must be after from'],
  },
  {
    rpc: `${USAGE}/SummarizeTree`,
    request: {
      meterCodes: ['', long(129)],
      from: OUT_OF_RANGE,
      pageSize: -1,
      pageToken: 'x',
    },
    problems: [
      'tenant_id: exactly one of tenant_id and tenant_external_ref is required',
      'meter_codes[0]: must not be empty',
      'meter_codes[1]: must be at most 128 characters',
      `from: ${OUT_OF_RANGE_MESSAGE}`,
      'to: is required',
      PAGE_SIZE,
      PAGE_TOKEN,
    ],
  },
  {
    rpc: 'cascade.common.v1.AuditService/ListAuditEvents',
    request: {
      tenantId: long(256),
      from: at('2001-01-01T00:00:00Z'),
      to: at('2000-01-01T00:00:00Z'),
      pageSize: -1,
      pageToken: 'garbage',
    },
    problems: [`tenant_id: ${TOO_LONG}`, 'to: must be after from', PAGE_SIZE, PAGE_TOKEN],
  },
];

export const EVERY_FIELD_ROWS: EveryFieldRow[] = [...METERING];
