import {
  Aggregation,
  Granularity,
  GroupBy,
  Role,
  TenantKind,
  TenantStatus,
} from '@cascade/contracts';
import { METER, OCTOBER } from '../fixture-tree';
import {
  at,
  DIGITS_MESSAGE,
  invalid,
  long,
  nothing,
  notFound,
  other,
  OUT_OF_RANGE,
  OUT_OF_RANGE_MESSAGE,
  rejected,
  Request,
  Row,
  RpcRows,
  TOO_MANY_DIGITS,
  tooLongId,
  UNKNOWN_ID,
} from './validation-table';

const TENANTS = 'cascade.metering.v1.TenantService';
const USAGE = 'cascade.metering.v1.UsageService';
const KEYS = 'cascade.metering.v1.ApiKeyService';

const PAGE_SIZE = 'page_size: must be between 1 and 1000';
const PAGE_TOKEN = 'page_token: is not a token this service issued';
const unknownTenant = (id = UNKNOWN_ID) => `tenant "${id}" not found`;

/** Every field of one usage event, judged inside RecordUsage and StreamUsage alike. */
function eventRows(): Row[] {
  const event = (edit: (e: Request) => void) => (r: Request) => edit((r.events as Request[])[0]);
  return [
    invalid(
      'events',
      { events: Array.from({ length: 10_001 }, () => ({})) },
      'events: at most 10000 events per request',
    ),
    invalid('batch_id', { batchId: long(129) }, 'batch_id: must be at most 128 characters'),
    rejected(
      'events.id',
      event((e) => (e.id = '')),
      'id: is required',
    ),
    rejected(
      'events.id',
      event((e) => (e.id = long(129))),
      'id: must be at most 128 characters',
    ),
    rejected(
      'events.tenant_id',
      event((e) => (e.tenantId = UNKNOWN_ID)),
      `tenant: unknown tenant "${UNKNOWN_ID}"`,
    ),
    rejected(
      'events.tenant_id',
      event((e) => (e.tenantId = long(256))),
      'tenant_id: must be at most 255 characters',
    ),
    rejected(
      'events.tenant_external_ref',
      event((e) => {
        e.tenantId = '';
        e.tenantExternalRef = long(256);
      }),
      'tenant_external_ref: must be at most 255 characters',
    ),
    rejected(
      'events.tenant_id',
      event((e) => (e.tenantId = '')),
      'tenant_id: exactly one of tenant_id and tenant_external_ref is required',
    ),
    rejected(
      'events.tenant_external_ref',
      event((e) => (e.tenantExternalRef = 'matrix-A1')),
      'tenant_id: exactly one of tenant_id and tenant_external_ref is required',
    ),
    rejected(
      'events.tenant_external_ref',
      event((e) => {
        e.tenantId = '';
        e.tenantExternalRef = 'nobody';
      }),
      'tenant: unknown tenant "nobody"',
    ),
    rejected(
      'events.meter_code',
      event((e) => (e.meterCode = '')),
      'meter_code: is required',
    ),
    rejected(
      'events.meter_code',
      event((e) => (e.meterCode = 'nope')),
      'meter_code: unknown meter "nope"',
    ),
    rejected(
      'events.quantity',
      event((e) => (e.quantity = '1e3')),
      'quantity: not a decimal string: "1e3"',
    ),
    rejected(
      'events.quantity',
      event((e) => (e.quantity = 'NaN')),
      'quantity: not a decimal string: "NaN"',
    ),
    rejected(
      'events.quantity',
      event((e) => (e.quantity = '-1')),
      'quantity: must not be negative',
    ),
    rejected(
      'events.quantity',
      event((e) => (e.quantity = TOO_MANY_DIGITS)),
      `quantity: ${DIGITS_MESSAGE}`,
    ),
    rejected(
      'events.timestamp',
      event((e) => delete e.timestamp),
      'timestamp: is required',
    ),
    rejected(
      'events.timestamp',
      event((e) => (e.timestamp = at('1999-12-31T23:59:59Z'))),
      'timestamp: must be between 2000 and 2200',
    ),
    rejected(
      'events.timestamp',
      event((e) => (e.timestamp = OUT_OF_RANGE)),
      'timestamp: must be between 2000 and 2200',
    ),
    rejected(
      'events.resource_id',
      event((e) => (e.resourceId = long(256))),
      'resource_id: must be at most 255 characters',
    ),
    rejected(
      'events.properties',
      event(
        (e) =>
          (e.properties = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']))),
      ),
      'properties: at most 32 entries',
    ),
    rejected(
      'events.properties',
      event((e) => (e.properties = { [long(65)]: 'v' })),
      'properties: keys must be at most 64 characters',
    ),
    rejected(
      'events.properties',
      event((e) => (e.properties = { k: long(256) })),
      'properties: values must be at most 255 characters',
    ),
    rejected(
      'events.source',
      event((e) => (e.source = long(129))),
      'source: must be at most 128 characters',
    ),
  ];
}

/** A valid ImportTenants row under the fixture's reseller A, with some fields replaced. */
function importRow(edit: Request = {}): Request {
  return {
    externalRef: 'validation-import',
    parentExternalRef: 'matrix-A',
    name: 'Imported',
    kind: TenantKind.CUSTOMER,
    currency: 'USD',
    ...edit,
  };
}

export const METERING_ROWS: RpcRows[] = [
  {
    rpc: `${TENANTS}/CreateTenant`,
    base: (f) => ({
      parentId: f.tree.tenants.A,
      externalRef: 'validation-new',
      name: 'New',
      kind: TenantKind.CUSTOMER,
      currency: 'USD',
    }),
    rows: [
      notFound('parent_id', { parentId: UNKNOWN_ID }, `parent tenant "${UNKNOWN_ID}" not found`),
      tooLongId('parent_id', 'parentId'),
      invalid('external_ref', { externalRef: ' ' }, 'external_ref: is required'),
      invalid(
        'external_ref',
        { externalRef: long(256) },
        'external_ref: must be at most 255 characters',
      ),
      invalid('name', { name: '' }, 'name: is required'),
      invalid('name', { name: long(256) }, 'name: must be at most 255 characters'),
      invalid(
        'kind',
        { kind: TenantKind.UNSPECIFIED },
        'kind: must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER',
      ),
      invalid('kind', { kind: 99 }, 'kind: must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER'),
      invalid('currency', { currency: 'usd' }, 'currency: unknown ISO 4217 currency code "usd"'),
      invalid('currency', { currency: 'XXX' }, 'currency: unknown ISO 4217 currency code "XXX"'),
      invalid('currency', { currency: 'USDD' }, 'currency: unknown ISO 4217 currency code "USDD"'),
      other(
        'currency',
        { currency: 'EUR' },
        'FAILED_PRECONDITION',
        "currency: EUR is not its parent's currency USD; a seller sells only in its own currency",
      ),
    ],
  },
  {
    rpc: `${TENANTS}/ImportTenants`,
    base: () => ({ tenants: [importRow()] }),
    rows: [
      invalid('tenants', { tenants: [] }, 'tenants: at least one row is required'),
      invalid(
        'tenants',
        { tenants: Array.from({ length: 10_001 }, (_, i) => importRow({ externalRef: `v-${i}` })) },
        'tenants: at most 10000 rows per request',
      ),
      invalid(
        'tenants.external_ref',
        { tenants: [importRow({ externalRef: ' ' })] },
        'tenants[0].external_ref: is required',
      ),
      invalid(
        'tenants.external_ref',
        { tenants: [importRow(), importRow()] },
        'tenants[1].external_ref: "validation-import" repeats tenants[0]',
      ),
      invalid(
        'tenants.external_ref',
        { tenants: [importRow({ externalRef: 'matrix-A1', name: 'Other' })] },
        'tenants[0].external_ref: "matrix-A1" is already used by a tenant with another name',
      ),
      invalid(
        'tenants.parent_external_ref',
        { tenants: [importRow({ parentExternalRef: 'nobody' })] },
        'tenants[0].parent_external_ref: no tenant "nobody" is stored or in an earlier row',
      ),
      invalid(
        'tenants.parent_external_ref',
        { tenants: [importRow({ parentExternalRef: long(256) })] },
        'tenants[0].parent_external_ref: must be at most 255 characters',
      ),
      invalid(
        'tenants.name',
        { tenants: [importRow({ name: long(256) })] },
        'tenants[0].name: must be at most 255 characters',
      ),
      invalid(
        'tenants.kind',
        { tenants: [importRow({ kind: TenantKind.UNSPECIFIED })] },
        'tenants[0].kind: must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER',
      ),
      invalid(
        'tenants.currency',
        { tenants: [importRow({ currency: 'usd' })] },
        'tenants[0].currency: unknown ISO 4217 currency code "usd"',
      ),
      invalid(
        'tenants.currency',
        { tenants: [importRow({ currency: 'EUR' })] },
        "tenants[0].currency: EUR is not its parent's currency USD; a seller sells only in its own currency",
      ),
      invalid(
        'tenants',
        { tenants: [importRow({ name: '', currency: 'XXX' })] },
        'tenants[0].name: is required; tenants[0].currency: unknown ISO 4217 currency code "XXX"',
      ),
      nothing('validate_only', 'a bool: both values are valid'),
    ],
  },
  {
    rpc: `${TENANTS}/GetTenant`,
    base: (f) => ({ id: f.tree.tenants.A1 }),
    rows: [
      notFound('id', { id: UNKNOWN_ID }, unknownTenant()),
      invalid('id', { id: '' }, 'id: exactly one of id and external_ref is required'),
      tooLongId('id', 'id'),
      invalid(
        'external_ref',
        { externalRef: 'matrix-A1' },
        'id: exactly one of id and external_ref is required',
      ),
      notFound('external_ref', { id: '', externalRef: 'nobody' }, unknownTenant('nobody')),
      invalid(
        'external_ref',
        { id: '', externalRef: long(256) },
        'external_ref: must be at most 255 characters',
      ),
    ],
  },
  {
    rpc: `${TENANTS}/ListTenants`,
    base: (f) => ({ parentId: f.tree.tenants.A, pageSize: 10 }),
    rows: [
      notFound('parent_id', { parentId: UNKNOWN_ID }, unknownTenant()),
      tooLongId('parent_id', 'parentId'),
      nothing('recursive', 'a bool: both values are valid'),
      invalid('page_size', { pageSize: -1 }, PAGE_SIZE),
      invalid('page_size', { pageSize: 1001 }, PAGE_SIZE),
      invalid('page_token', { pageToken: 'garbage' }, PAGE_TOKEN),
    ],
  },
  {
    rpc: `${TENANTS}/UpdateTenant`,
    base: (f) => ({ id: f.tree.tenants.A1, name: 'renamed', status: TenantStatus.ACTIVE }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, unknownTenant()),
      invalid('name', { name: long(256) }, 'name: must be at most 255 characters'),
      invalid('status', { status: 99 }, 'status: must be ACTIVE, SUSPENDED or CLOSED'),
      invalid(
        'update_mask',
        { updateMask: { paths: ['nmae'] } },
        'update_mask: unknown field "nmae": one of name, status',
      ),
    ],
  },
  {
    rpc: `${TENANTS}/MoveTenant`,
    base: (f) => ({
      id: f.tree.tenants.A3,
      newParentId: f.tree.tenants.A2,
      effectiveAt: at('2026-12-01T00:00:00Z'),
    }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, unknownTenant()),
      invalid('new_parent_id', { newParentId: '' }, 'new_parent_id: is required'),
      tooLongId('new_parent_id', 'newParentId'),
      notFound(
        'new_parent_id',
        { newParentId: UNKNOWN_ID },
        `new parent tenant "${UNKNOWN_ID}" not found`,
      ),
      invalid('effective_at', { effectiveAt: undefined }, 'effective_at: is required'),
      invalid(
        'effective_at',
        { effectiveAt: OUT_OF_RANGE },
        `effective_at: ${OUT_OF_RANGE_MESSAGE}`,
      ),
    ],
  },
  {
    rpc: `${TENANTS}/GetTenantHistory`,
    base: (f) => ({ id: f.tree.tenants.A1 }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, unknownTenant()),
    ],
  },
  {
    rpc: `${TENANTS}/ListBillingEdges`,
    base: () => ({ ...OCTOBER, pageSize: 10 }),
    rows: [
      invalid('period_start', { periodStart: undefined }, 'period_start: is required'),
      invalid(
        'period_start',
        { periodStart: OUT_OF_RANGE },
        `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      ),
      invalid(
        'period_end',
        { periodEnd: OCTOBER.periodStart },
        'period_end: must be after period_start',
      ),
      invalid('period_end', { periodEnd: undefined }, 'period_end: is required'),
      invalid('page_size', { pageSize: -1 }, PAGE_SIZE),
      invalid('page_size', { pageSize: 1001 }, PAGE_SIZE),
      invalid('page_token', { pageToken: 'garbage' }, PAGE_TOKEN),
      invalid('page_token', { pageToken: '-5' }, PAGE_TOKEN),
    ],
  },
  {
    rpc: 'cascade.metering.v1.MeterService/CreateMeter',
    base: () => ({
      code: 'validation.meter',
      name: 'V',
      unit: 'call',
      aggregation: Aggregation.SUM,
    }),
    rows: [
      invalid(
        'code',
        { code: 'Bad Code' },
        'code: must be lower case letters, digits, ".", "_" or "-", starting with a letter',
      ),
      invalid('code', { code: `a${long(199)}` }, 'code: must be at most 128 characters'),
      other('code', { code: METER }, 'ALREADY_EXISTS', `code: meter "${METER}" already exists`),
      invalid('name', { name: long(256) }, 'name: must be at most 255 characters'),
      invalid('unit', { unit: '' }, 'unit: is required'),
      invalid('unit', { unit: long(65) }, 'unit: must be at most 64 characters'),
      invalid(
        'aggregation',
        { aggregation: Aggregation.UNSPECIFIED },
        'aggregation: must be SUM, COUNT, MAX, UNIQUE_COUNT, LATEST or TIME_WEIGHTED',
      ),
      invalid(
        'aggregation',
        { aggregation: 99 },
        'aggregation: must be SUM, COUNT, MAX, UNIQUE_COUNT, LATEST or TIME_WEIGHTED',
      ),
      invalid(
        'property',
        { aggregation: Aggregation.UNIQUE_COUNT },
        'property: is required for UNIQUE_COUNT',
      ),
      invalid('property', { property: long(129) }, 'property: must be at most 128 characters'),
      invalid(
        'property',
        { property: 'region' },
        'property: only a UNIQUE_COUNT meter reads a property, not SUM',
      ),
      invalid(
        'code',
        { code: 'Bad', unit: '' },
        'code: must be lower case letters, digits, ".", "_" or "-", starting with a letter; unit: is required',
      ),
    ],
  },
  { rpc: 'cascade.metering.v1.MeterService/ListMeters', base: () => ({}), rows: [] },
  {
    rpc: `${USAGE}/RecordUsage`,
    base: (f) => ({
      batchId: 'validation-batch',
      events: [
        {
          id: 'validation-event',
          tenantId: f.tree.tenants.A1,
          meterCode: METER,
          quantity: '1.5',
          timestamp: at('2026-10-20T00:00:00Z'),
          resourceId: 'vm-1',
          properties: { region: 'eu' },
          source: 'validation',
        },
      ],
    }),
    rows: eventRows(),
  },
  {
    rpc: `${USAGE}/StreamUsage`,
    base: (f) => ({
      batchId: 'validation-stream',
      events: [
        {
          id: 'validation-streamed',
          tenantId: f.tree.tenants.A1,
          meterCode: METER,
          quantity: '2',
          timestamp: at('2026-10-21T00:00:00Z'),
          resourceId: 'vm-1',
          properties: { region: 'eu' },
          source: 'validation',
        },
      ],
    }),
    rows: eventRows(),
  },
  {
    rpc: `${USAGE}/QueryUsage`,
    base: (f) => ({
      tenantId: f.tree.tenants.A,
      meterCode: METER,
      from: OCTOBER.periodStart,
      to: OCTOBER.periodEnd,
      includeDescendants: true,
      granularity: Granularity.DAY,
      groupBy: GroupBy.CHILD_TENANT,
    }),
    rows: [
      invalid('tenant_id', { tenantId: '' }, 'tenant_id: is required'),
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant()),
      invalid('meter_code', { meterCode: '' }, 'meter_code: is required'),
      notFound('meter_code', { meterCode: 'nope' }, 'meter "nope" not found'),
      invalid('from', { from: undefined }, 'from: is required'),
      invalid('from', { from: OUT_OF_RANGE }, `from: ${OUT_OF_RANGE_MESSAGE}`),
      invalid('to', { to: undefined }, 'to: is required'),
      invalid('to', { to: OCTOBER.periodStart }, 'to: must be after from'),
      nothing('include_descendants', 'a bool: both values are valid'),
      invalid(
        'granularity',
        { granularity: 99 },
        'granularity: must be GRANULARITY_HOUR, GRANULARITY_DAY or GRANULARITY_MONTH',
      ),
      invalid(
        'group_by',
        { groupBy: 99 },
        'group_by: must be GROUP_BY_RESOURCE or GROUP_BY_CHILD_TENANT',
      ),
      notFound('attributed_parent_id', { attributedParentId: UNKNOWN_ID }, unknownTenant()),
      tooLongId('attributed_parent_id', 'attributedParentId'),
    ],
  },
  {
    rpc: `${USAGE}/ListEdgeUsage`,
    base: () => ({ meterCode: METER, from: OCTOBER.periodStart, to: OCTOBER.periodEnd }),
    rows: [
      invalid('meter_code', { meterCode: '' }, 'meter_code: is required'),
      notFound('meter_code', { meterCode: 'nope' }, 'meter "nope" not found'),
      invalid('from', { from: undefined }, 'from: is required'),
      invalid('from', { from: OUT_OF_RANGE }, `from: ${OUT_OF_RANGE_MESSAGE}`),
      invalid('to', { to: undefined }, 'to: is required'),
      invalid('to', { to: OCTOBER.periodStart }, 'to: must be after from'),
    ],
  },
  {
    rpc: `${USAGE}/SummarizeTree`,
    base: (f) => ({
      tenantId: f.tree.tenants.A,
      from: OCTOBER.periodStart,
      to: OCTOBER.periodEnd,
      meterCodes: [METER],
      pageSize: 10,
    }),
    rows: [
      invalid(
        'tenant_id',
        { tenantId: '' },
        'tenant_id: exactly one of tenant_id and tenant_external_ref is required',
      ),
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant()),
      invalid(
        'tenant_external_ref',
        (r) => (r.tenantExternalRef = 'ext-a'),
        'tenant_id: exactly one of tenant_id and tenant_external_ref is required',
      ),
      invalid('from', { from: undefined }, 'from: is required'),
      invalid('from', { from: OUT_OF_RANGE }, `from: ${OUT_OF_RANGE_MESSAGE}`),
      invalid('to', { to: undefined }, 'to: is required'),
      invalid('to', { to: OCTOBER.periodStart }, 'to: must be after from'),
      invalid('meter_codes', { meterCodes: [METER, ''] }, 'meter_codes[1]: must not be empty'),
      notFound('meter_codes', { meterCodes: ['nope'] }, 'meter "nope" not found'),
      invalid('page_size', { pageSize: -1 }, PAGE_SIZE),
      invalid('page_size', { pageSize: 1001 }, PAGE_SIZE),
      invalid('page_token', { pageToken: 'x' }, PAGE_TOKEN),
    ],
  },
  {
    rpc: `${KEYS}/CreateApiKey`,
    base: (f) => ({ tenantId: f.tree.tenants.A1, role: Role.VIEWER, name: 'validation key' }),
    rows: [
      invalid('tenant_id', { tenantId: '' }, 'tenant_id: is required'),
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant()),
      invalid(
        'role',
        { role: Role.UNSPECIFIED },
        'role: must be ROLE_ADMIN, ROLE_VIEWER or ROLE_INGEST',
      ),
      invalid('role', { role: 99 }, 'role: must be ROLE_ADMIN, ROLE_VIEWER or ROLE_INGEST'),
      invalid('name', { name: long(256) }, 'name: must be at most 255 characters'),
    ],
  },
  {
    rpc: `${KEYS}/ListApiKeys`,
    base: (f) => ({ tenantId: f.tree.tenants.A1, includeRevoked: true }),
    rows: [
      invalid('tenant_id', { tenantId: '' }, 'tenant_id: is required'),
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant()),
      nothing('include_revoked', 'a bool: both values are valid'),
    ],
  },
  {
    rpc: `${KEYS}/RevokeApiKey`,
    base: (f) => ({ id: f.tree.keyIds.P }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, `api key "${UNKNOWN_ID}" not found`),
    ],
  },
  {
    rpc: `${KEYS}/Authenticate`,
    asService: true,
    base: (f) => ({ token: f.tree.tokens.A1 }),
    rows: [
      other('token', { token: '' }, 'UNAUTHENTICATED', 'token: unknown or revoked'),
      other('token', { token: 'garbage' }, 'UNAUTHENTICATED', 'token: unknown or revoked'),
    ],
  },
];
