import { BillingModel, ChargeModel, Interval } from '@cascade/contracts';
import { METER, OCTOBER } from '../fixture-tree';
import {
  at,
  DIGITS_MESSAGE,
  Fixture,
  invalid,
  long,
  notFound,
  OUT_OF_RANGE,
  OUT_OF_RANGE_MESSAGE,
  Request,
  Row,
  RpcRows,
  TOO_MANY_DIGITS,
  tooLongId,
  UNKNOWN_ID,
} from './validation-table';

const PLANS = 'cascade.rating.v1.PlanService';
const RATING = 'cascade.rating.v1.RatingService';
const MODELS = 'must be one of PER_UNIT, GRADUATED, VOLUME, PACKAGE, FLAT, PERCENTAGE_MARKUP';

const perUnit = () => ({
  meterCode: METER,
  model: ChargeModel.PER_UNIT,
  unitPrice: '0.01',
  freeUnits: '10',
  minimumAmount: '1',
});
const tier = (upTo: string, unitPrice = '0.01', flatFee = '') => ({ upTo, unitPrice, flatFee });

/** The first charge of the request, replaced by `charge`'s fields. */
const charge = (fields: Request) => (r: Request) => {
  const charges = r.charges as Request[];
  charges[0] = { ...charges[0], ...fields };
};
const graduated = (tiers: Request[]) =>
  charge({ model: ChargeModel.GRADUATED, unitPrice: '', tiers });
// Each model without the fields it does not read, which it would refuse.
const packaged = (fields: Request) =>
  charge({ model: ChargeModel.PACKAGE, unitPrice: '', ...fields });
const flat = (fields: Request) =>
  charge({ model: ChargeModel.FLAT, unitPrice: '', freeUnits: '', ...fields });
const markup = (fields: Request) =>
  charge({ model: ChargeModel.PERCENTAGE_MARKUP, unitPrice: '', ...fields });

/** Every field of a plan's charges, for CreatePlan and UpdatePlan alike. */
function chargeRows(): Row[] {
  const c = 'charges[0]';
  return [
    invalid(
      'charges',
      { charges: Array.from({ length: 101 }, perUnit) },
      'charges: at most 100 charges',
    ),
    invalid('charges.meter_code', charge({ meterCode: '' }), `${c}.meter_code: is required`),
    invalid(
      'charges.meter_code',
      charge({ meterCode: 'nope' }),
      `${c}.meter_code: unknown meter "nope"`,
    ),
    invalid(
      'charges.meter_code',
      (r) => (r.charges = [perUnit(), perUnit()]),
      `charges[1].meter_code: ${METER} is charged twice in one plan`,
    ),
    invalid('charges.model', charge({ model: ChargeModel.UNSPECIFIED }), `${c}.model: ${MODELS}`),
    invalid('charges.model', charge({ model: 99 }), `${c}.model: ${MODELS}`),
    invalid('charges.unit_price', charge({ unitPrice: '' }), `${c}.unit_price: is required`),
    invalid(
      'charges.unit_price',
      charge({ unitPrice: 'Infinity' }),
      `${c}.unit_price: not a decimal string: "Infinity"`,
    ),
    invalid(
      'charges.unit_price',
      charge({ unitPrice: '-0.01' }),
      `${c}.unit_price: must not be negative`,
    ),
    invalid(
      'charges.unit_price',
      charge({ unitPrice: `0.${TOO_MANY_DIGITS}` }),
      `${c}.unit_price: ${DIGITS_MESSAGE}`,
    ),
    invalid('charges.tiers', graduated([]), `${c}.tiers: must not be empty`),
    invalid(
      'charges.tiers',
      graduated(Array.from({ length: 101 }, (_, i) => tier(i === 100 ? '' : String(i + 1)))),
      `${c}.tiers: at most 100 tiers`,
    ),
    invalid(
      'charges.tiers',
      graduated([tier('10'), tier('10'), tier('')]),
      `${c}.tiers: must be in increasing up_to order`,
    ),
    invalid('charges.tiers', graduated([tier('10')]), `${c}.tiers: last tier must be open`),
    invalid(
      'charges.tiers.up_to',
      graduated([tier(''), tier('')]),
      `${c}.tiers[0].up_to: only the last tier may be open`,
    ),
    invalid(
      'charges.tiers.up_to',
      graduated([tier('0'), tier('')]),
      `${c}.tiers[0].up_to: must be positive`,
    ),
    invalid(
      'charges.tiers.up_to',
      graduated([tier('1e3'), tier('')]),
      `${c}.tiers[0].up_to: not a decimal string: "1e3"`,
    ),
    invalid(
      'charges.tiers.unit_price',
      graduated([tier('10', ''), tier('')]),
      `${c}.tiers[0].unit_price: is required`,
    ),
    invalid(
      'charges.tiers.unit_price',
      graduated([tier('10'), tier('', '-1')]),
      `${c}.tiers[1].unit_price: must not be negative`,
    ),
    invalid(
      'charges.tiers.flat_fee',
      graduated([tier('10', '1', '-5'), tier('')]),
      `${c}.tiers[0].flat_fee: must not be negative`,
    ),
    invalid(
      'charges.package_size',
      packaged({ packageSize: '0', packagePrice: '5' }),
      `${c}.package_size: must be positive`,
    ),
    invalid(
      'charges.package_price',
      packaged({ packageSize: '100', packagePrice: '-5' }),
      `${c}.package_price: must not be negative`,
    ),
    invalid('charges.flat_amount', flat({ flatAmount: '' }), `${c}.flat_amount: is required`),
    invalid(
      'charges.flat_amount',
      flat({ flatAmount: '-1' }),
      `${c}.flat_amount: must not be negative`,
    ),
    invalid(
      'charges.markup_percent',
      markup({ markupPercent: '-100.5' }),
      `${c}.markup_percent: must not be below -100`,
    ),
    invalid(
      'charges.markup_percent',
      markup({ markupPercent: '10%' }),
      `${c}.markup_percent: not a decimal string: "10%"`,
    ),
    invalid(
      'charges.free_units',
      charge({ freeUnits: '-1' }),
      `${c}.free_units: must not be negative`,
    ),
    invalid(
      'charges.minimum_amount',
      charge({ minimumAmount: '-1' }),
      `${c}.minimum_amount: must not be negative`,
    ),
    // Settings rating would store and ignore, or amounts no one can pay (all plans here are USD).
    invalid(
      'charges.tiers',
      charge({ tiers: [tier('')] }),
      `${c}.tiers: a PER_UNIT charge does not use it`,
    ),
    invalid(
      'charges.package_size',
      charge({ packageSize: '10' }),
      `${c}.package_size: a PER_UNIT charge does not use it`,
    ),
    invalid(
      'charges.free_units',
      flat({ flatAmount: '5', freeUnits: '10' }),
      `${c}.free_units: a FLAT charge does not use it`,
    ),
    invalid(
      'charges.unit_price',
      packaged({ unitPrice: '1', packageSize: '100', packagePrice: '5' }),
      `${c}.unit_price: a PACKAGE charge does not use it`,
    ),
    invalid(
      'charges.markup_percent',
      charge({
        model: ChargeModel.GRADUATED,
        unitPrice: '',
        tiers: [tier('')],
        markupPercent: '10',
      }),
      `${c}.markup_percent: a GRADUATED charge does not use it`,
    ),
    invalid(
      'charges.minimum_amount',
      charge({ minimumAmount: '1.005' }),
      `${c}.minimum_amount: 1.005 is finer than USD's minor unit (2 decimals)`,
    ),
    invalid(
      'charges.flat_amount',
      flat({ flatAmount: '0.001' }),
      `${c}.flat_amount: 0.001 is finer than USD's minor unit (2 decimals)`,
    ),
    invalid(
      'charges.tiers.flat_fee',
      graduated([tier('10', '0.01', '0.125'), tier('')]),
      `${c}.tiers[0].flat_fee: 0.125 is finer than USD's minor unit (2 decimals)`,
    ),
  ];
}

function feeRows(): Row[] {
  return [
    invalid(
      'subscription_fee',
      { subscriptionFee: '1,5' },
      'subscription_fee: not a decimal string: "1,5"',
    ),
    invalid(
      'subscription_fee',
      { subscriptionFee: '-1' },
      'subscription_fee: must not be negative',
    ),
    invalid(
      'subscription_fee',
      { subscriptionFee: TOO_MANY_DIGITS },
      `subscription_fee: ${DIGITS_MESSAGE}`,
    ),
  ];
}

/** CreatePlan's fields past the currency: the same rows check PreviewPlan's `plan`. */
function createPlanRows(): Row[] {
  return [
    invalid('seller_tenant_id', { sellerTenantId: '' }, 'seller_tenant_id: is required'),
    tooLongId('seller_tenant_id', 'sellerTenantId'),
    notFound(
      'seller_tenant_id',
      { sellerTenantId: UNKNOWN_ID },
      `seller tenant "${UNKNOWN_ID}" not found`,
    ),
    invalid('code', { code: '' }, 'code: is required'),
    invalid('code', { code: long(129) }, 'code: must be at most 128 characters'),
    invalid('name', { name: long(256) }, 'name: must be at most 255 characters'),
    invalid('currency', { currency: 'usd' }, 'currency: unknown ISO 4217 currency code "usd"'),
    invalid('currency', { currency: 'EU' }, 'currency: unknown ISO 4217 currency code "EU"'),
    invalid(
      'currency',
      { currency: 'EUR' },
      "currency: EUR is not the seller's currency USD; a seller sells only in its own currency",
    ),
    invalid(
      'subscription_fee',
      { billingModel: BillingModel.PAYG },
      'subscription_fee: a PAYG plan bills no subscription fee',
    ),
    invalid(
      'subscription_fee',
      { subscriptionFee: '9.999' },
      "subscription_fee: 9.999 is finer than USD's minor unit (2 decimals)",
    ),
    invalid(
      'billing_model',
      { billingModel: BillingModel.UNSPECIFIED },
      'billing_model: must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG',
    ),
    invalid(
      'billing_model',
      { billingModel: 99 },
      'billing_model: must be BILLING_MODEL_SUBSCRIPTION or BILLING_MODEL_PAYG',
    ),
    invalid(
      'interval',
      { interval: Interval.UNSPECIFIED },
      'interval: must be INTERVAL_MONTHLY or INTERVAL_YEARLY',
    ),
    invalid('interval', { interval: 99 }, 'interval: must be INTERVAL_MONTHLY or INTERVAL_YEARLY'),
    ...feeRows(),
    ...chargeRows(),
  ];
}

const createPlanBase = (f: Fixture) => ({
  sellerTenantId: f.tree.tenants.A,
  code: 'validation-plan',
  name: 'Validation',
  currency: 'USD',
  billingModel: BillingModel.SUBSCRIPTION,
  interval: Interval.MONTHLY,
  subscriptionFee: '10',
  charges: [perUnit()],
});

/**
 * Rows of a request nested in PreviewPlan's field `inside`: fields and messages
 * prefixed ("plan.charges[0].unit_price: …"); a NOT_FOUND names no field, so it
 * stays as it is.
 */
function nested(inside: string, rows: Row[]): Row[] {
  return rows.map((row) => {
    if (row.kind !== 'call') return { ...row, field: `${inside}.${row.field}` };
    const bad = row.bad;
    return {
      ...row,
      field: `${inside}.${row.field}`,
      message: row.code === 'NOT_FOUND' ? row.message : `${inside}.${row.message}`,
      bad: (r: Request) => {
        if (typeof bad === 'function') bad(r[inside] as Request);
        else r[inside] = { ...(r[inside] as Request), ...bad };
      },
    };
  });
}

/** UpdatePlan's fields past the id: the same rows check PreviewPlan's `update`. */
function updatePlanRows(): Row[] {
  return [
    invalid('name', { name: long(256) }, 'name: must be at most 255 characters'),
    invalid(
      'update_mask',
      { updateMask: { paths: ['fee'] } },
      'update_mask: unknown field "fee": one of name, subscription_fee, charges',
    ),
    ...feeRows(),
    // ap, the plan updated, is PAYG.
    invalid(
      'subscription_fee',
      { subscriptionFee: '1' },
      'subscription_fee: a PAYG plan bills no subscription fee',
    ),
    ...chargeRows(),
    invalid('effective_from', { effectiveFrom: undefined }, 'effective_from: is required'),
    invalid(
      'effective_from',
      { effectiveFrom: OUT_OF_RANGE },
      `effective_from: ${OUT_OF_RANGE_MESSAGE}`,
    ),
  ];
}

/** The buyer and the period, for PreviewPlan in either form. */
function previewRows(): Row[] {
  return [
    invalid('buyer_tenant_id', { buyerTenantId: '' }, 'buyer_tenant_id: is required'),
    tooLongId('buyer_tenant_id', 'buyerTenantId'),
    notFound(
      'buyer_tenant_id',
      { buyerTenantId: UNKNOWN_ID },
      `buyer tenant "${UNKNOWN_ID}" not found`,
    ),
    invalid('period_start', { periodStart: undefined }, 'period_start: is required'),
    invalid('period_start', { periodStart: OUT_OF_RANGE }, `period_start: ${OUT_OF_RANGE_MESSAGE}`),
    invalid('period_end', { periodEnd: undefined }, 'period_end: is required'),
    invalid(
      'period_end',
      { periodEnd: OCTOBER.periodStart },
      'period_end: must be after period_start',
    ),
  ];
}

export const RATING_ROWS: RpcRows[] = [
  {
    rpc: `${PLANS}/CreatePlan`,
    base: createPlanBase,
    rows: createPlanRows(),
  },
  {
    rpc: `${PLANS}/GetPlan`,
    base: (f) => ({ id: f.tree.plans.ap, version: 1 }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, `plan "${UNKNOWN_ID}" not found`),
      invalid('version', { version: -1 }, 'version: must not be negative'),
    ],
  },
  {
    rpc: `${PLANS}/ListPlans`,
    base: (f) => ({ sellerTenantId: f.tree.tenants.A }),
    rows: [
      invalid('seller_tenant_id', { sellerTenantId: '' }, 'seller_tenant_id: is required'),
      tooLongId('seller_tenant_id', 'sellerTenantId'),
      notFound(
        'seller_tenant_id',
        { sellerTenantId: UNKNOWN_ID },
        `seller tenant "${UNKNOWN_ID}" not found`,
      ),
    ],
  },
  {
    rpc: `${PLANS}/UpdatePlan`,
    base: (f) => ({
      id: f.tree.plans.ap,
      name: 'ap v2',
      charges: [perUnit()],
      effectiveFrom: at('2027-01-01T00:00:00Z'),
    }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, `plan "${UNKNOWN_ID}" not found`),
      ...updatePlanRows(),
    ],
  },
  {
    rpc: `${PLANS}/ArchivePlan`,
    base: (f) => ({ id: f.tree.plans.rp }),
    rows: [
      invalid('id', { id: '' }, 'id: is required'),
      tooLongId('id', 'id'),
      notFound('id', { id: UNKNOWN_ID }, `plan "${UNKNOWN_ID}" not found`),
    ],
  },
  {
    rpc: `${PLANS}/AssignPlan`,
    // A2, not A1: A1 keeps its subscription for CancelSubscription's base.
    base: (f) => ({
      buyerTenantId: f.tree.tenants.A2,
      planId: f.tree.plans.apSpare,
      effectiveFrom: at('2026-12-01T00:00:00Z'),
    }),
    rows: [
      invalid('buyer_tenant_id', { buyerTenantId: '' }, 'buyer_tenant_id: is required'),
      tooLongId('buyer_tenant_id', 'buyerTenantId'),
      notFound(
        'buyer_tenant_id',
        { buyerTenantId: UNKNOWN_ID },
        `buyer tenant "${UNKNOWN_ID}" not found`,
      ),
      invalid('plan_id', { planId: '' }, 'plan_id: is required'),
      tooLongId('plan_id', 'planId'),
      notFound('plan_id', { planId: UNKNOWN_ID }, `plan "${UNKNOWN_ID}" not found`),
      invalid('effective_from', { effectiveFrom: undefined }, 'effective_from: is required'),
      invalid(
        'effective_from',
        { effectiveFrom: OUT_OF_RANGE },
        `effective_from: ${OUT_OF_RANGE_MESSAGE}`,
      ),
    ],
  },
  {
    rpc: `${PLANS}/ListAssignments`,
    base: (f) => ({ buyerTenantId: f.tree.tenants.A1 }),
    rows: [
      invalid('buyer_tenant_id', { buyerTenantId: '' }, 'buyer_tenant_id: is required'),
      tooLongId('buyer_tenant_id', 'buyerTenantId'),
      notFound(
        'buyer_tenant_id',
        { buyerTenantId: UNKNOWN_ID },
        `buyer tenant "${UNKNOWN_ID}" not found`,
      ),
    ],
  },
  {
    rpc: `${RATING}/RateEdge`,
    base: (f) => ({
      buyerTenantId: f.tree.tenants.A1,
      sellerTenantId: f.tree.tenants.A,
      ...OCTOBER,
    }),
    rows: [
      invalid('buyer_tenant_id', { buyerTenantId: '' }, 'buyer_tenant_id: is required'),
      tooLongId('buyer_tenant_id', 'buyerTenantId'),
      notFound(
        'buyer_tenant_id',
        { buyerTenantId: UNKNOWN_ID },
        `buyer tenant "${UNKNOWN_ID}" not found`,
      ),
      notFound(
        'seller_tenant_id',
        { sellerTenantId: UNKNOWN_ID },
        `seller tenant "${UNKNOWN_ID}" not found`,
      ),
      tooLongId('seller_tenant_id', 'sellerTenantId'),
      invalid('period_start', { periodStart: undefined }, 'period_start: is required'),
      invalid(
        'period_start',
        { periodStart: OUT_OF_RANGE },
        `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      ),
      invalid('period_end', { periodEnd: undefined }, 'period_end: is required'),
      invalid(
        'period_end',
        { periodEnd: OCTOBER.periodStart },
        'period_end: must be after period_start',
      ),
    ],
  },
  {
    rpc: `${RATING}/RateTree`,
    base: () => OCTOBER,
    rows: [
      invalid(
        'buyer_tenant_ids',
        { buyerTenantIds: [UNKNOWN_ID] },
        `buyer_tenant_ids[0]: unknown tenant "${UNKNOWN_ID}"`,
      ),
      invalid(
        'buyer_tenant_ids',
        { buyerTenantIds: ['', long(256)] },
        'buyer_tenant_ids[0]: must not be empty; buyer_tenant_ids[1]: must be at most 255 characters',
      ),
      invalid(
        'buyer_tenant_ids',
        { buyerTenantIds: [UNKNOWN_ID, UNKNOWN_ID] },
        'buyer_tenant_ids[1]: repeats buyer_tenant_ids[0]',
      ),
      invalid(
        'buyer_tenant_ids',
        { buyerTenantIds: Array.from({ length: 10_001 }, (_, i) => `tenant-${i}`) },
        'buyer_tenant_ids: at most 10,000 ids',
      ),
      invalid('period_start', { periodStart: undefined }, 'period_start: is required'),
      invalid(
        'period_start',
        { periodStart: OUT_OF_RANGE },
        `period_start: ${OUT_OF_RANGE_MESSAGE}`,
      ),
      invalid('period_end', { periodEnd: undefined }, 'period_end: is required'),
      invalid(
        'period_end',
        { periodEnd: OCTOBER.periodStart },
        'period_end: must be after period_start',
      ),
    ],
  },
  {
    rpc: `${RATING}/ExplainLine`,
    base: (f) => ({
      buyerTenantId: f.tree.tenants.A1,
      sellerTenantId: f.tree.tenants.A,
      meterCode: METER,
      from: OCTOBER.periodStart,
      to: OCTOBER.periodEnd,
    }),
    rows: [
      invalid('buyer_tenant_id', { buyerTenantId: '' }, 'buyer_tenant_id: is required'),
      tooLongId('buyer_tenant_id', 'buyerTenantId'),
      notFound(
        'buyer_tenant_id',
        { buyerTenantId: UNKNOWN_ID },
        `buyer tenant "${UNKNOWN_ID}" not found`,
      ),
      invalid('seller_tenant_id', { sellerTenantId: '' }, 'seller_tenant_id: is required'),
      tooLongId('seller_tenant_id', 'sellerTenantId'),
      notFound(
        'seller_tenant_id',
        { sellerTenantId: UNKNOWN_ID },
        `seller tenant "${UNKNOWN_ID}" not found`,
      ),
      invalid('meter_code', { meterCode: '' }, 'meter_code: is required'),
      notFound('meter_code', { meterCode: 'nope' }, 'meter "nope" not found'),
      invalid('from', { from: undefined }, 'from: is required'),
      invalid('from', { from: OUT_OF_RANGE }, `from: ${OUT_OF_RANGE_MESSAGE}`),
      invalid('to', { to: undefined }, 'to: is required'),
      invalid('to', { to: OCTOBER.periodStart }, 'to: must be after from'),
    ],
  },
  // PreviewPlan twice: a new plan (A1 under A's candidate) and a new version of A's plan ap.
  {
    rpc: `${RATING}/PreviewPlan`,
    base: (f) => ({
      buyerTenantId: f.tree.tenants.A1,
      ...OCTOBER,
      // Not CreatePlan's code: its base request is accepted before this one.
      plan: { ...createPlanBase(f), code: 'preview-plan' },
    }),
    rows: [
      ...previewRows(),
      invalid('plan', { plan: undefined }, 'plan: give either plan or plan_id (with update)'),
      ...nested('plan', createPlanRows()),
      invalid(
        'plan_id',
        { planId: UNKNOWN_ID },
        'plan: give either plan or plan_id (with update), not both',
      ),
      invalid('update', { update: { name: 'x' } }, 'update: goes with plan_id, not with plan'),
    ],
  },
  {
    rpc: `${RATING}/PreviewPlan`,
    base: (f) => ({
      buyerTenantId: f.tree.tenants.A1,
      ...OCTOBER,
      planId: f.tree.plans.ap,
      // After UpdatePlan's base above, which writes a version from 2027-01-01.
      update: { name: 'ap v3', charges: [perUnit()], effectiveFrom: at('2027-06-01T00:00:00Z') },
    }),
    rows: [
      invalid('plan_id', { planId: '' }, 'plan: give either plan or plan_id (with update)'),
      tooLongId('plan_id', 'planId'),
      notFound('plan_id', { planId: UNKNOWN_ID }, `plan "${UNKNOWN_ID}" not found`),
      invalid('update', { update: undefined }, 'update.effective_from: is required'),
      invalid(
        'update.id',
        { update: { id: UNKNOWN_ID, effectiveFrom: at('2027-06-01T00:00:00Z') } },
        'update.id: must be empty or the same as plan_id',
      ),
      ...nested('update', updatePlanRows()),
    ],
  },
];
