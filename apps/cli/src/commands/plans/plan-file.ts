import { readFileSync } from 'node:fs';
import { create } from '@bufbuild/protobuf';
import { parse } from 'yaml';
import { BillingModel, Charge, ChargeModel, ChargeSchema, Interval } from '@cascade/contracts';
import { CliError } from '../../core/exit-codes';

/** One plan as declared in the YAML file; every scalar is read as text (no number ever holds a price). */
export interface DeclaredPlan {
  code: string;
  name: string;
  currency: string;
  billingModel: BillingModel;
  interval: Interval;
  subscriptionFee: string;
  charges: Charge[];
}

export interface PlanFile {
  seller: string;
  plans: DeclaredPlan[];
}

type Yaml = Record<string, unknown>;

function text(value: unknown, where: string, required = false): string {
  if (value === undefined || value === null || value === '') {
    if (required) throw new CliError(`${where}: is required`);
    return '';
  }
  if (typeof value !== 'string')
    throw new CliError(`${where}: expected a value, got a list or map`);
  return value;
}

function enumValue<E extends Record<string, string | number>>(
  e: E,
  value: string,
  where: string,
  fallback: keyof E,
): E[keyof E] {
  const key = (value || String(fallback)).toUpperCase();
  if (!(key in e) || key === 'UNSPECIFIED')
    throw new CliError(`${where}: unknown value ${JSON.stringify(value)}`);
  return e[key as keyof E];
}

function charge(raw: Yaml, where: string): Charge {
  const tiers = (Array.isArray(raw.tiers) ? (raw.tiers as Yaml[]) : []).map((t, i) => ({
    upTo: text(t.up_to, `${where}.tiers[${i}].up_to`),
    unitPrice: text(t.unit_price, `${where}.tiers[${i}].unit_price`),
    flatFee: text(t.flat_fee, `${where}.tiers[${i}].flat_fee`),
  }));
  return create(ChargeSchema, {
    meterCode: text(raw.meter_code, `${where}.meter_code`, true),
    model: enumValue(
      ChargeModel,
      text(raw.model, `${where}.model`, true),
      `${where}.model`,
      'PER_UNIT',
    ),
    unitPrice: text(raw.unit_price, `${where}.unit_price`),
    tiers,
    packageSize: text(raw.package_size, `${where}.package_size`),
    packagePrice: text(raw.package_price, `${where}.package_price`),
    flatAmount: text(raw.flat_amount, `${where}.flat_amount`),
    markupPercent: text(raw.markup_percent, `${where}.markup_percent`),
    freeUnits: text(raw.free_units, `${where}.free_units`),
    minimumAmount: text(raw.minimum_amount, `${where}.minimum_amount`),
  });
}

/** Reads plans.yaml: `seller:` and `plans:` (see docs/CLI.md). */
export function readPlanFile(file: string): PlanFile {
  let doc: Yaml;
  try {
    // The failsafe schema keeps every scalar a string: "0.10" stays "0.10".
    doc = parse(readFileSync(file, 'utf8'), { schema: 'failsafe' }) as Yaml;
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== 'object') throw new CliError(`${file}: expected seller: and plans:`);
  const plans = (Array.isArray(doc.plans) ? (doc.plans as Yaml[]) : []).map((p, i) => {
    const where = `plans[${i}]`;
    return {
      code: text(p.code, `${where}.code`, true),
      name: text(p.name, `${where}.name`, true),
      currency: text(p.currency, `${where}.currency`, true),
      billingModel: enumValue(
        BillingModel,
        text(p.billing_model, `${where}.billing_model`),
        `${where}.billing_model`,
        'PAYG',
      ),
      interval: enumValue(
        Interval,
        text(p.interval, `${where}.interval`),
        `${where}.interval`,
        'MONTHLY',
      ),
      subscriptionFee: text(p.subscription_fee, `${where}.subscription_fee`),
      charges: (Array.isArray(p.charges) ? (p.charges as Yaml[]) : []).map((c, j) =>
        charge(c, `${where}.charges[${j}]`),
      ),
    };
  });
  if (plans.length === 0) throw new CliError(`${file}: plans: at least one plan`);
  return { seller: text(doc.seller, 'seller', true), plans };
}
