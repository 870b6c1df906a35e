// For each RPC a request with two or more bad fields, and every problem its
// answer names, in order. Each problem is worded as the per-field rows have it.
import { BillingModel, ChargeModel, Interval } from '@cascade/contracts';
import { OCTOBER } from '../fixture-tree';
import {
  at,
  DIGITS_MESSAGE,
  long,
  OUT_OF_RANGE,
  OUT_OF_RANGE_MESSAGE,
  Request,
  TOO_MANY_DIGITS,
} from './validation-table';

/** What a few requests name: a seller in USD and a meter it may charge for. */
export interface EveryFieldFixture {
  seller: string;
  meter: string;
  /** A USD subscription plan of the seller, for UpdatePlan. */
  plan: string;
}

export interface EveryFieldRow {
  rpc: string;
  request: Request | ((f: EveryFieldFixture) => Request);
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
    rpc: `${USAGE}/RecordUsage`,
    request: { batchId: long(129), events: Array.from({ length: 10_001 }, () => ({})) },
    problems: [
      'batch_id: must be at most 128 characters',
      'events: at most 10000 events per request',
    ],
  },
  {
    rpc: `${USAGE}/StreamUsage`,
    request: { batchId: long(129), events: Array.from({ length: 10_001 }, () => ({})) },
    problems: [
      'batch_id: must be at most 128 characters',
      'events: at most 10000 events per request',
    ],
  },
  {
    rpc: 'cascade.metering.v1.MeterService/CreateMeter',
    request: { code: 'Bad Code', unit: long(65), aggregation: 99, property: 'host' },
    problems: [
      'aggregation: must be SUM, COUNT, MAX, UNIQUE_COUNT, LATEST or TIME_WEIGHTED',
      'code: must be lower case letters, digits, ".", "_" or "-", starting with a letter',
      'unit: must be at most 64 characters',
    ],
  },
  {
    rpc: 'cascade.metering.v1.ApiKeyService/CreateApiKey',
    request: { tenantId: '', role: 99, name: long(256) },
    problems: [
      'tenant_id: is required',
      'role: must be ROLE_ADMIN, ROLE_VIEWER or ROLE_INGEST',
      `name: ${TOO_LONG}`,
    ],
  },
  {
    rpc: 'cascade.metering.v1.ApiKeyService/CreateApiKey',
    request: { tenantId: long(256), role: 0 },
    problems: [`tenant_id: ${TOO_LONG}`, 'role: must be ROLE_ADMIN, ROLE_VIEWER or ROLE_INGEST'],
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

const PLANS = 'cascade.rating.v1.PlanService';
const RATING = 'cascade.rating.v1.RatingService';

const RATING_ROWS: EveryFieldRow[] = [
  {
    rpc: `${PLANS}/GetPlan`,
    request: { id: ' ', version: -1 },
    problems: ['id: is required', 'version: must not be negative'],
  },
  {
    rpc: `${RATING}/RateEdge`,
    request: { buyerTenantId: '', periodStart: OUT_OF_RANGE, sellerTenantId: long(256) },
    problems: [
      'buyer_tenant_id: is required',
      `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      'period_end: is required',
      `seller_tenant_id: ${TOO_LONG}`,
    ],
  },
  {
    rpc: `${RATING}/RateTree`,
    request: { periodEnd: OUT_OF_RANGE },
    problems: ['period_start: is required', `period_end: ${OUT_OF_RANGE_MESSAGE}`],
  },
  {
    rpc: `${RATING}/ExplainLine`,
    request: { buyerTenantId: long(256), from: OCTOBER.periodEnd, to: OCTOBER.periodStart },
    problems: [
      `buyer_tenant_id: ${TOO_LONG}`,
      'seller_tenant_id: is required',
      'meter_code: is required',
      'to: must be after from',
    ],
  },
  {
    rpc: `${RATING}/PreviewPlan`,
    request: { ...reversed, plan: { code: 'preview', currency: 'usd' } },
    problems: [
      'buyer_tenant_id: is required',
      'period_end: must be after period_start',
      'plan.seller_tenant_id: is required',
      'plan.currency: unknown ISO 4217 currency code "usd"',
      'plan.billing_model: must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG',
      'plan.interval: must be INTERVAL_MONTHLY or INTERVAL_YEARLY',
    ],
  },
  {
    rpc: `${RATING}/PreviewPlan`,
    request: {
      buyerTenantId: long(256),
      periodStart: OUT_OF_RANGE,
      planId: long(256),
      update: { updateMask: { paths: ['nmae'] } },
    },
    problems: [
      `buyer_tenant_id: ${TOO_LONG}`,
      `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      'period_end: is required',
      `plan_id: ${TOO_LONG}`,
      'update.update_mask: unknown field "nmae": one of name, subscription_fee, charges',
      'update.effective_from: is required',
    ],
  },
  {
    rpc: `${RATING}/PreviewPlan`,
    request: { buyerTenantId: 'b', ...OCTOBER, planId: 'p1', update: { id: 'p2' } },
    problems: [
      'update.id: must be empty or the same as plan_id',
      'update.effective_from: is required',
    ],
  },
];

const INVOICES = 'cascade.invoicing.v1.InvoiceService';
const NOT_A_PERIOD = [`period_start: ${OUT_OF_RANGE_MESSAGE}`, 'period_end: is required'];

const INVOICING: EveryFieldRow[] = [
  { rpc: `${INVOICES}/RunBilling`, request: { periodStart: OUT_OF_RANGE }, problems: NOT_A_PERIOD },
  {
    rpc: `${INVOICES}/RunBillingWithProgress`,
    request: { periodStart: OUT_OF_RANGE },
    problems: NOT_A_PERIOD,
  },
  {
    rpc: `${INVOICES}/GetInvoice`,
    request: { id: '', sellerTenantId: 'seller' },
    problems: ['id: is required', 'seller_tenant_id: is only used with number'],
  },
  {
    rpc: `${INVOICES}/GetInvoice`,
    request: { id: 'x', number: 'INV-1', sellerTenantId: long(256) },
    problems: [`seller_tenant_id: ${TOO_LONG}`, 'number: give id or number, not both'],
  },
  {
    rpc: `${INVOICES}/ListInvoices`,
    request: { periodStart: OUT_OF_RANGE, status: 99, pageToken: 'garbage' },
    problems: [
      `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      'status: unknown invoice status 99',
      PAGE_TOKEN,
    ],
  },
  {
    rpc: `${INVOICES}/ListInvoices`,
    request: {
      sellerTenantId: long(256),
      buyerTenantId: long(256),
      ...reversed,
      number: long(201),
      pageSize: 1001,
    },
    problems: [
      `seller_tenant_id: ${TOO_LONG}`,
      `buyer_tenant_id: ${TOO_LONG}`,
      'number: must be at most 200 characters',
      PAGE_SIZE,
      'period_end: must be after period_start',
    ],
  },
  {
    rpc: `${INVOICES}/VoidInvoice`,
    request: { id: '', reason: ' ' },
    problems: ['id: is required', 'reason: is required'],
  },
  {
    rpc: `${INVOICES}/DiscardDraftInvoice`,
    request: { id: long(256), reason: long(2001) },
    problems: [`id: ${TOO_LONG}`, 'reason: must be at most 2000 characters'],
  },
  {
    rpc: `${INVOICES}/WatchInvoices`,
    request: { afterSequence: 2n ** 63n, sellerTenantId: long(256), buyerTenantId: long(256) },
    problems: [
      'after_sequence: must be at most 9223372036854775807',
      `seller_tenant_id: ${TOO_LONG}`,
      `buyer_tenant_id: ${TOO_LONG}`,
    ],
  },
  {
    rpc: `${INVOICES}/GetCreditBalance`,
    request: {},
    problems: ['seller_tenant_id: is required', 'buyer_tenant_id: is required'],
  },
  {
    rpc: `${INVOICES}/GetMarginReport`,
    request: { periodStart: OUT_OF_RANGE },
    problems: ['tenant_id: is required', ...NOT_A_PERIOD],
  },
  {
    rpc: `${INVOICES}/ListUnpricedUsage`,
    request: { tenantId: long(256), ...reversed },
    problems: [`tenant_id: ${TOO_LONG}`, 'period_end: must be after period_start'],
  },
  {
    rpc: `${INVOICES}/ExplainInvoiceLine`,
    request: { invoiceId: '', lineNumber: 0 },
    problems: ['invoice_id: is required', 'line_number: is required (lines count from 1)'],
  },
  {
    rpc: `${INVOICES}/GetInvoiceDocument`,
    request: { id: '', format: 0 },
    problems: ['id: is required', 'format: is required: DOCUMENT_FORMAT_PDF, _HTML or _CSV'],
  },
  {
    rpc: `${INVOICES}/ListBillingRuns`,
    request: { periodEnd: OUT_OF_RANGE },
    problems: [`period_end: ${OUT_OF_RANGE_MESSAGE}`, 'period_start: is required with period_end'],
  },
  {
    rpc: `${INVOICES}/SetSellerProfile`,
    request: {
      tenantId: '',
      profile: { displayName: long(201), accentColor: 'orange' },
      updateMask: { paths: ['display_name', 'accent_color'] },
    },
    problems: [
      'tenant_id: is required',
      'profile.display_name: must be at most 200 characters',
      'profile.accent_color: must be a colour as #rrggbb, got "orange"',
    ],
  },
];

/** A plan whose fields are fine: each row below breaks its charges. */
const plan = (seller: string, charges: Request[], currency = 'USD') => ({
  sellerTenantId: seller,
  code: 'every-field',
  currency,
  billingModel: BillingModel.SUBSCRIPTION,
  interval: Interval.MONTHLY,
  charges,
});

/** Within one charge, every problem: read, what its model uses, and its values. */
const CHARGES: EveryFieldRow[] = [
  {
    rpc: `${PLANS}/CreatePlan`,
    request: (f) =>
      plan(f.seller, [
        {
          meterCode: '',
          model: ChargeModel.PER_UNIT,
          unitPrice: '-1',
          flatAmount: '5',
          freeUnits: 'abc',
          minimumAmount: TOO_MANY_DIGITS,
        },
      ]),
    problems: [
      'charges[0].meter_code: is required',
      'charges[0].flat_amount: a PER_UNIT charge does not use it',
      `charges[0].minimum_amount: ${DIGITS_MESSAGE}`,
      'charges[0].free_units: not a decimal string: "abc"',
      'charges[0].unit_price: must not be negative',
    ],
  },
  {
    rpc: `${PLANS}/CreatePlan`,
    request: (f) =>
      plan(f.seller, [
        {
          meterCode: f.meter,
          model: ChargeModel.GRADUATED,
          tiers: [
            { upTo: '0', unitPrice: '-1' },
            { upTo: '1e3', unitPrice: '1' },
            { upTo: '5', unitPrice: '1' },
          ],
        },
      ]),
    problems: [
      'charges[0].tiers[1].up_to: not a decimal string: "1e3"',
      'charges[0].tiers[0].up_to: must be positive',
      'charges[0].tiers[0].unit_price: must not be negative',
      'charges[0].tiers: last tier must be open',
    ],
  },
  {
    rpc: `${PLANS}/UpdatePlan`,
    request: {
      id: 'any',
      effectiveFrom: at('2027-01-01T00:00:00Z'),
      charges: [{ model: 99, meterCode: '', unitPrice: 'x' }],
    },
    problems: [
      'charges[0].model: must be one of PER_UNIT, GRADUATED, VOLUME, PACKAGE, FLAT, PERCENTAGE_MARKUP',
      'charges[0].meter_code: is required',
    ],
  },
  {
    // What UpdatePlan checks against metering and the stored plan's terms, all at once.
    rpc: `${PLANS}/UpdatePlan`,
    request: (f) => ({
      id: f.plan,
      effectiveFrom: at('2027-01-01T00:00:00Z'),
      subscriptionFee: '9.999',
      charges: [
        { meterCode: 'nope', model: ChargeModel.PER_UNIT, unitPrice: '1' },
        { meterCode: f.meter, model: ChargeModel.PER_UNIT, unitPrice: '1' },
        { meterCode: f.meter, model: ChargeModel.PER_UNIT, unitPrice: '2' },
      ],
    }),
    problems: [
      'charges[0].meter_code: unknown meter "nope"',
      'charges[2].meter_code: every.calls is charged twice in one plan',
      "subscription_fee: 9.999 is finer than USD's minor unit (2 decimals)",
    ],
  },
  {
    // What CreatePlan checks against metering and the currency, all at once.
    rpc: `${PLANS}/CreatePlan`,
    request: (f) =>
      plan(
        f.seller,
        [
          {
            meterCode: 'nope',
            model: ChargeModel.PER_UNIT,
            unitPrice: '1',
            minimumAmount: '1.005',
          },
          { meterCode: f.meter, model: ChargeModel.PER_UNIT, unitPrice: '1' },
          { meterCode: f.meter, model: ChargeModel.PER_UNIT, unitPrice: '2' },
        ],
        'EUR',
      ),
    problems: [
      "currency: EUR is not the seller's currency USD; a seller sells only in its own currency",
      'charges[0].meter_code: unknown meter "nope"',
      'charges[2].meter_code: every.calls is charged twice in one plan',
      "charges[0].minimum_amount: 1.005 is finer than EUR's minor unit (2 decimals)",
    ],
  },
];

export const EVERY_FIELD_ROWS: EveryFieldRow[] = [
  ...METERING,
  ...RATING_ROWS,
  ...INVOICING,
  ...CHARGES,
];
