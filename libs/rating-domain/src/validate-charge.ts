import type { Dec } from '@cascade/money';
import { CHARGE_MODELS, type ChargeSpec, type Tier } from './charge';

/**
 * Problems as "field: reason", field names as on the wire (snake_case), so the
 * API can answer INVALID_ARGUMENT with all of them at once. Empty means valid.
 */
export function validateCharge(spec: ChargeSpec): string[] {
  const problems: string[] = [];
  if (!spec.meterCode) problems.push('meter_code: must not be empty');
  problems.push(...optional('free_units', spec.freeUnits, notNegative));
  problems.push(...optional('minimum_amount', spec.minimumAmount, notNegative));
  return [...problems, ...modelProblems(spec)];
}

function modelProblems(spec: ChargeSpec): string[] {
  switch (spec.model) {
    case 'PER_UNIT':
      return notNegative('unit_price', spec.unitPrice);
    case 'GRADUATED':
    case 'VOLUME':
      return tierProblems(spec.tiers);
    case 'PACKAGE':
      return [
        ...positive('package_size', spec.packageSize),
        ...notNegative('package_price', spec.packagePrice),
      ];
    case 'FLAT':
      return notNegative('flat_amount', spec.flatAmount);
    case 'PERCENTAGE_MARKUP':
      return markup('markup_percent', spec.markupPercent);
    default:
      return [`model: must be one of ${CHARGE_MODELS.join(', ')}`];
  }
}

function tierProblems(tiers: readonly Tier[] | undefined): string[] {
  if (!tiers || tiers.length === 0) return ['tiers: must not be empty'];
  const problems = tiers.flatMap((tier, i) => [
    ...upToProblems(tier, i, tiers.length),
    ...notNegative(`tiers[${i}].unit_price`, tier.unitPrice),
    ...optional(`tiers[${i}].flat_fee`, tier.flatFee, notNegative),
  ]);
  const bounds = tiers.flatMap((t) => (t.upTo !== null && t.upTo.isFinite() ? [t.upTo] : []));
  if (bounds.some((b, i) => i > 0 && b.lte(bounds[i - 1]))) {
    problems.push('tiers: must be in increasing up_to order');
  }
  if (tiers[tiers.length - 1]?.upTo !== null) problems.push('tiers: last tier must be open');
  return problems;
}

function upToProblems(tier: Tier, i: number, count: number): string[] {
  if (tier.upTo !== null) return positive(`tiers[${i}].up_to`, tier.upTo);
  return i < count - 1 ? [`tiers[${i}].up_to: only the last tier may be open`] : [];
}

type Rule = (field: string, value: Dec | undefined) => string[];

function optional(field: string, value: Dec | undefined, rule: Rule): string[] {
  return value === undefined ? [] : rule(field, value);
}

// `undefined` and NaN are possible here: specs are built from wire strings before this runs.
function check(field: string, value: Dec | undefined, holds: (v: Dec) => boolean, reason: string) {
  if (value === undefined || value === null) return [`${field}: must be set`];
  if (!value.isFinite()) return [`${field}: must be a finite decimal`];
  return holds(value) ? [] : [`${field}: ${reason}`];
}

const notNegative: Rule = (field, value) =>
  check(field, value, (v) => v.gte(0), 'must not be negative');

const positive: Rule = (field, value) => check(field, value, (v) => v.gt(0), 'must be positive');

// Below -100 % the buyer would be paid for using the meter.
const markup: Rule = (field, value) =>
  check(field, value, (v) => v.gte('-100'), 'must not be below -100');
