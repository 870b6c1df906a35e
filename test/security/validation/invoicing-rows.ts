import { BillingAnchor, DocumentFormat } from '@cascade/contracts';
import { OCTOBER } from '../fixture-tree';
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
  Row,
  RpcRows,
  TOO_MANY_DIGITS,
  tooLongId,
  UNKNOWN_ID,
} from './validation-table';
import { SELLER_PROFILE_ROWS } from './seller-profile-rows';

const INVOICES = 'cascade.invoicing.v1.InvoiceService';
const unknownInvoice = `invoice "${UNKNOWN_ID}" not found`;
const unknownTenant = `tenant "${UNKNOWN_ID}" not found`;

/** An id naming an invoice: required, and NOT_FOUND when unknown. */
const invoiceId = (field: string, key: 'id' | 'invoiceId'): Row[] => [
  invalid(field, { [key]: '' }, `${field}: is required`),
  tooLongId(field, key),
  notFound(field, { [key]: UNKNOWN_ID }, unknownInvoice),
];
/** A required tenant id. */
const tenantId = (field: string, key: string): Row[] => [
  invalid(field, { [key]: '' }, `${field}: is required`),
  tooLongId(field, key),
  notFound(field, { [key]: UNKNOWN_ID }, unknownTenant),
];
/** A required period as two Timestamps, the end after the start. */
const period = (start = 'period_start', end = 'period_end'): Row[] => {
  const key = (field: string) => field.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return [
    invalid(start, { [key(start)]: undefined }, `${start}: is required`),
    invalid(start, { [key(start)]: OUT_OF_RANGE }, `${start}: ${OUT_OF_RANGE_MESSAGE}`),
    invalid(end, { [key(end)]: undefined }, `${end}: is required`),
    invalid(end, { [key(end)]: OCTOBER.periodStart }, `${end}: must be after ${start}`),
  ];
};

/** RunBilling's request, streamed or not: one calendar month, a preview only if not ended. */
const billingRunRows = (): Row[] => [
  ...period(),
  invalid(
    'period_start',
    { periodStart: at('2026-10-02T00:00:00Z') },
    'period_start: a billing run covers one calendar month: the 1st at 00:00 UTC to the 1st of the next month',
  ),
  other(
    'preview',
    { preview: true },
    'FAILED_PRECONDITION',
    'preview: the period ended 2026-11-01; bill it without preview',
  ),
];

export const INVOICING_ROWS: RpcRows[] = [
  {
    rpc: `${INVOICES}/RunBilling`,
    base: () => OCTOBER,
    rows: billingRunRows(),
  },
  {
    rpc: `${INVOICES}/GetInvoice`,
    base: (f) => ({ id: f.tree.invoices['A>A1'] }),
    rows: [
      ...invoiceId('id', 'id'),
      invalid('number', { number: 'INV-1' }, 'number: give id or number, not both'),
      invalid('number', { number: long(201) }, 'number: must be at most 200 characters'),
      notFound(
        'number',
        { id: '', number: 'NOPE-2026-000001' },
        'invoice "NOPE-2026-000001" not found',
      ),
      invalid(
        'seller_tenant_id',
        { sellerTenantId: UNKNOWN_ID },
        'seller_tenant_id: is only used with number',
      ),
      notFound(
        'seller_tenant_id',
        { id: '', number: 'NOPE-2026-000001', sellerTenantId: UNKNOWN_ID },
        unknownTenant,
      ),
      tooLongId('seller_tenant_id', 'sellerTenantId'),
    ],
  },
  {
    rpc: `${INVOICES}/GetInvoiceDocument`,
    base: (f) => ({ id: f.tree.invoices['A>A1'], format: DocumentFormat.PDF }),
    rows: [
      ...invoiceId('id', 'id'),
      invalid(
        'format',
        { format: DocumentFormat.UNSPECIFIED },
        'format: is required: DOCUMENT_FORMAT_PDF, _HTML or _CSV',
      ),
      invalid('format', { format: 9 }, 'format: unknown value 9'),
      nothing('transparency_appendix', 'a bool: both values are valid'),
    ],
  },
  {
    rpc: `${INVOICES}/ListInvoices`,
    base: (f) => ({
      sellerTenantId: f.tree.tenants.A,
      buyerTenantId: f.tree.tenants.A1,
      ...OCTOBER,
    }),
    rows: [
      notFound('seller_tenant_id', { sellerTenantId: UNKNOWN_ID }, unknownTenant),
      tooLongId('seller_tenant_id', 'sellerTenantId'),
      notFound('buyer_tenant_id', { buyerTenantId: UNKNOWN_ID }, unknownTenant),
      tooLongId('buyer_tenant_id', 'buyerTenantId'),
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
      invalid('status', { status: 99 }, 'status: unknown invoice status 99'),
      invalid('number', { number: long(201) }, 'number: must be at most 200 characters'),
      invalid('page_size', { pageSize: -1 }, 'page_size: must be between 1 and 1000'),
      invalid('page_size', { pageSize: 1001 }, 'page_size: must be between 1 and 1000'),
      invalid(
        'page_token',
        { pageToken: 'garbage' },
        'page_token: is not a token this service issued',
      ),
    ],
  },
  {
    rpc: `${INVOICES}/FinalizeInvoice`,
    base: (f) => ({ id: f.tree.invoices['A>A1'] }),
    rows: invoiceId('id', 'id'),
  },
  {
    rpc: `${INVOICES}/IssueCreditNote`,
    base: (f) => ({
      invoiceId: f.tree.invoices['A>A3'],
      reason: 'goodwill',
      lines: [{ invoiceLineNumber: 1, amount: '0.01', description: 'partial' }],
      creditToBalance: false,
      idempotencyKey: 'validation-note',
    }),
    rows: [
      ...invoiceId('invoice_id', 'invoiceId'),
      invalid('reason', { reason: ' ' }, 'reason: is required'),
      invalid('reason', { reason: long(2001) }, 'reason: must be at most 2000 characters'),
      invalid(
        'lines',
        (r) => (r.lines = Array.from({ length: 1001 }, () => (r.lines as unknown[])[0])),
        'lines: at most 1000 lines',
      ),
      invalid(
        'lines.invoice_line_number',
        (r) => ((r.lines as { invoiceLineNumber: number }[])[0].invoiceLineNumber = 0),
        'lines[0].invoice_line_number: the invoice has no line 0',
      ),
      invalid(
        'lines.amount',
        (r) => ((r.lines as { amount: string }[])[0].amount = '0.0.1'),
        'lines[0].amount: must be a decimal string such as "12.5", got "0.0.1"',
      ),
      invalid(
        'lines.amount',
        (r) => ((r.lines as { amount: string }[])[0].amount = '-0.01'),
        'lines[0].amount: must be positive',
      ),
      invalid(
        'lines.amount',
        (r) => ((r.lines as { amount: string }[])[0].amount = TOO_MANY_DIGITS),
        `lines[0].amount: ${DIGITS_MESSAGE}`,
      ),
      invalid(
        'lines.description',
        (r) => ((r.lines as { description: string }[])[0].description = long(2001)),
        'lines[0].description: must be at most 2000 characters',
      ),
      nothing('credit_to_balance', 'a bool: both values are valid'),
      invalid(
        'idempotency_key',
        { idempotencyKey: long(256) },
        'idempotency_key: must be at most 255 characters',
      ),
    ],
  },
  {
    rpc: `${INVOICES}/ListCreditNotes`,
    base: (f) => ({ invoiceId: f.tree.invoices['A>A3'] }),
    rows: invoiceId('invoice_id', 'invoiceId'),
  },
  {
    rpc: `${INVOICES}/VoidInvoice`,
    base: (f) => ({ id: f.tree.invoices['A>A3'], reason: 'issued in error' }),
    rows: [
      ...invoiceId('id', 'id'),
      invalid('reason', { reason: '' }, 'reason: is required'),
      invalid('reason', { reason: long(2001) }, 'reason: must be at most 2000 characters'),
    ],
  },
  {
    rpc: `${INVOICES}/MarkInvoicePaid`,
    base: (f) => ({ id: f.tree.invoices['A>A2'] }),
    rows: invoiceId('id', 'id'),
  },
  {
    rpc: `${INVOICES}/WatchInvoices`,
    take: 1,
    base: (f) => ({ afterSequence: 0n, sellerTenantId: f.tree.tenants.A }),
    rows: [
      invalid(
        'after_sequence',
        { afterSequence: 9223372036854775808n },
        'after_sequence: must be at most 9223372036854775807',
      ),
      notFound('seller_tenant_id', { sellerTenantId: UNKNOWN_ID }, unknownTenant),
      tooLongId('seller_tenant_id', 'sellerTenantId'),
      notFound('buyer_tenant_id', { buyerTenantId: UNKNOWN_ID }, unknownTenant),
      tooLongId('buyer_tenant_id', 'buyerTenantId'),
    ],
  },
  {
    rpc: `${INVOICES}/RunBillingWithProgress`,
    base: () => OCTOBER,
    rows: billingRunRows(),
  },
  {
    rpc: `${INVOICES}/ListUnpricedUsage`,
    base: (f) => ({ tenantId: f.tree.tenants.A, ...OCTOBER }),
    rows: [
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant),
      ...period(),
    ],
  },
  {
    rpc: `${INVOICES}/DiscardDraftInvoice`,
    base: (f) => ({ id: f.tree.discardable, reason: 'not wanted' }),
    rows: [
      ...invoiceId('id', 'id'),
      invalid('reason', { reason: '' }, 'reason: is required'),
      invalid('reason', { reason: long(2001) }, 'reason: must be at most 2000 characters'),
    ],
  },
  {
    rpc: `${INVOICES}/WatchBillingRun`,
    base: (f) => ({ id: f.runId }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, `billing run "${UNKNOWN_ID}" not found`),
    ],
  },
  ...SELLER_PROFILE_ROWS,
  {
    rpc: `${INVOICES}/ExplainInvoiceLine`,
    base: (f) => ({ invoiceId: f.tree.invoices['A>A1'], lineNumber: 1 }),
    rows: [
      ...invoiceId('invoice_id', 'invoiceId'),
      invalid('line_number', { lineNumber: 0 }, 'line_number: is required (lines count from 1)'),
      invalid('line_number', { lineNumber: 999 }, 'line_number: the invoice has no line 999'),
    ],
  },
  {
    rpc: `${INVOICES}/GetBillingRun`,
    base: (f) => ({ id: f.runId }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, `billing run "${UNKNOWN_ID}" not found`),
    ],
  },
  {
    rpc: `${INVOICES}/WatchBillingRuns`,
    // Since the epoch: the fixture's run comes at once, then the watch would follow live.
    take: 1,
    base: () => ({ since: at('1970-01-01T00:00:00Z') }),
    rows: [invalid('since', { since: OUT_OF_RANGE }, `since: ${OUT_OF_RANGE_MESSAGE}`)],
  },
  {
    rpc: `${INVOICES}/ListBillingRuns`,
    base: () => OCTOBER,
    rows: [
      invalid(
        'period_start',
        { periodStart: undefined },
        'period_start: is required with period_end',
      ),
      invalid(
        'period_start',
        { periodStart: OUT_OF_RANGE },
        `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      ),
      invalid('period_end', { periodEnd: undefined }, 'period_end: is required with period_start'),
      invalid(
        'period_end',
        { periodEnd: OCTOBER.periodStart },
        'period_end: must be after period_start',
      ),
    ],
  },
  {
    rpc: `${INVOICES}/SetBillingSettings`,
    base: (f) => ({
      buyerTenantId: f.tree.tenants.A1,
      taxRate: '0.2',
      anchor: BillingAnchor.CALENDAR,
    }),
    rows: [
      ...tenantId('buyer_tenant_id', 'buyerTenantId'),
      invalid(
        'tax_rate',
        { taxRate: '20%' },
        'tax_rate: must be a decimal string such as "12.5", got "20%"',
      ),
      invalid(
        'tax_rate',
        { taxRate: '-0.1' },
        'tax_rate: must be between 0 and 1 ("0.2" for 20 %)',
      ),
      invalid('tax_rate', { taxRate: '1.5' }, 'tax_rate: must be between 0 and 1 ("0.2" for 20 %)'),
      invalid('tax_rate', { taxRate: `0.${TOO_MANY_DIGITS}` }, `tax_rate: ${DIGITS_MESSAGE}`),
      invalid(
        'anchor',
        { anchor: 99 },
        'anchor: must be BILLING_ANCHOR_CALENDAR or BILLING_ANCHOR_ANNIVERSARY',
      ),
      invalid(
        'anniversary_at',
        { anchor: BillingAnchor.ANNIVERSARY },
        'anniversary_at: is required with BILLING_ANCHOR_ANNIVERSARY',
      ),
      invalid(
        'anniversary_at',
        { anchor: BillingAnchor.ANNIVERSARY, anniversaryAt: OUT_OF_RANGE },
        `anniversary_at: ${OUT_OF_RANGE_MESSAGE}`,
      ),
      invalid(
        'anniversary_at',
        { anniversaryAt: at('2026-03-15T00:00:00Z') },
        'anniversary_at: is only used with BILLING_ANCHOR_ANNIVERSARY',
      ),
      invalid(
        'update_mask',
        { updateMask: { paths: ['taxrate'] } },
        'update_mask: unknown field "taxrate": one of tax_rate, anchor, anniversary_at',
      ),
    ],
  },
  {
    rpc: `${INVOICES}/GetBillingSettings`,
    base: (f) => ({ buyerTenantId: f.tree.tenants.A1 }),
    rows: tenantId('buyer_tenant_id', 'buyerTenantId'),
  },
  {
    rpc: `${INVOICES}/TopUpCredits`,
    base: (f) => ({
      sellerTenantId: f.tree.tenants.A,
      buyerTenantId: f.tree.tenants.A1,
      amount: '10.50',
      currency: 'USD',
      idempotencyKey: 'validation-top-up',
    }),
    rows: [
      ...tenantId('seller_tenant_id', 'sellerTenantId'),
      ...tenantId('buyer_tenant_id', 'buyerTenantId'),
      invalid('amount', { amount: '' }, 'amount: is required'),
      invalid(
        'amount',
        { amount: '1e2' },
        'amount: must be a decimal string such as "12.5", got "1e2"',
      ),
      invalid('amount', { amount: '0' }, 'amount: must be positive'),
      invalid('amount', { amount: '0.001' }, 'amount: USD has 2 decimal places; got 0.001'),
      invalid('amount', { amount: TOO_MANY_DIGITS }, `amount: ${DIGITS_MESSAGE}`),
      invalid('currency', { currency: '' }, 'currency: is required'),
      invalid('currency', { currency: 'usd' }, 'currency: unknown ISO 4217 currency "usd"'),
      invalid('currency', { currency: 'DOLLAR' }, 'currency: unknown ISO 4217 currency "DOLLAR"'),
      invalid('idempotency_key', { idempotencyKey: '' }, 'idempotency_key: is required'),
      invalid(
        'idempotency_key',
        { idempotencyKey: long(256) },
        'idempotency_key: must be at most 255 characters',
      ),
    ],
  },
  {
    rpc: `${INVOICES}/GetCreditBalance`,
    base: (f) => ({ sellerTenantId: f.tree.tenants.A, buyerTenantId: f.tree.tenants.A1 }),
    rows: [
      ...tenantId('seller_tenant_id', 'sellerTenantId'),
      ...tenantId('buyer_tenant_id', 'buyerTenantId'),
    ],
  },
  {
    rpc: `${INVOICES}/CancelSubscription`,
    base: (f) => ({
      sellerTenantId: f.tree.tenants.A,
      buyerTenantId: f.tree.tenants.A1,
      effectiveAt: at('2026-12-15T00:00:00Z'),
    }),
    rows: [
      ...tenantId('seller_tenant_id', 'sellerTenantId'),
      ...tenantId('buyer_tenant_id', 'buyerTenantId'),
      invalid('effective_at', { effectiveAt: undefined }, 'effective_at: is required'),
      invalid(
        'effective_at',
        { effectiveAt: OUT_OF_RANGE },
        `effective_at: ${OUT_OF_RANGE_MESSAGE}`,
      ),
    ],
  },
  {
    rpc: `${INVOICES}/GetMarginReport`,
    base: (f) => ({ tenantId: f.tree.tenants.A, ...OCTOBER }),
    rows: [...tenantId('tenant_id', 'tenantId'), ...period()],
  },
];

export const AUDIT_ROWS: RpcRows[] = [
  {
    rpc: 'cascade.common.v1.AuditService/ListAuditEvents',
    base: (f) => ({
      tenantId: f.tree.tenants.A,
      from: at('2000-01-01T00:00:00Z'),
      to: at('2200-01-01T00:00:00Z'),
      pageSize: 10,
    }),
    rows: [
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant),
      tooLongId('tenant_id', 'tenantId'),
      invalid('from', { from: OUT_OF_RANGE }, `from: ${OUT_OF_RANGE_MESSAGE}`),
      invalid('to', { to: OUT_OF_RANGE }, `to: ${OUT_OF_RANGE_MESSAGE}`),
      invalid('to', { to: at('2000-01-01T00:00:00Z') }, 'to: must be after from'),
      invalid('page_size', { pageSize: -1 }, 'page_size: must be between 1 and 1000'),
      invalid('page_size', { pageSize: 1001 }, 'page_size: must be between 1 and 1000'),
      invalid(
        'page_token',
        { pageToken: 'garbage' },
        'page_token: is not a token this service issued',
      ),
    ],
  },
];
