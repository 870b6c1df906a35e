import { MessageInitShape } from '@bufbuild/protobuf';
import { Charge, ChargeModel as ProtoModel, ChargeSchema } from '@cascade/contracts';
import { Dec, exceedsInputDigits, INPUT_DIGITS_RULE, isDecimalString } from '@cascade/money';
import {
  CHARGE_MODELS,
  ChargeModel,
  ChargeSpec,
  Tier,
  unusedChargeFields,
  validateCharge,
} from '@cascade/rating-domain';
import { FieldProblems, invalidArgument } from '@cascade/platform';

/** The stored and wire shape of a charge: decimal strings, empty meaning "not set". */
interface StoredCharge {
  meterCode: string;
  model: ChargeModel;
  unitPrice: string;
  tiers: { upTo: string; unitPrice: string; flatFee: string }[];
  packageSize: string;
  packagePrice: string;
  flatAmount: string;
  markupPercent: string;
  freeUnits: string;
  minimumAmount: string;
}

function decimalField(value: string, field: string): Dec | undefined {
  if (value === '') return undefined;
  if (!isDecimalString(value))
    throw invalidArgument(field, `not a decimal string: ${JSON.stringify(value)}`);
  return new Dec(value);
}

function required(value: string, field: string): Dec {
  const parsed = decimalField(value, field);
  if (!parsed) throw invalidArgument(field, 'is required');
  return parsed;
}

/** How specFrom reads a decimal: as is (stored charges), or collecting each problem. */
type Parse = <T>(read: () => T) => T;
const asIs: Parse = (read) => read();

function specFrom(c: StoredCharge, at: string, parse: Parse = asIs): ChargeSpec {
  const optional = (value: string, field: string) => parse(() => decimalField(value, field));
  const needed = (value: string, field: string) => parse(() => required(value, field));
  const base = {
    meterCode: c.meterCode,
    freeUnits: optional(c.freeUnits, `${at}.free_units`),
    minimumAmount: optional(c.minimumAmount, `${at}.minimum_amount`),
  };
  const tiers = (): Tier[] =>
    c.tiers.map((t, i) => ({
      upTo: optional(t.upTo, `${at}.tiers[${i}].up_to`) ?? null,
      unitPrice: needed(t.unitPrice, `${at}.tiers[${i}].unit_price`),
      flatFee: optional(t.flatFee, `${at}.tiers[${i}].flat_fee`),
    }));
  switch (c.model) {
    case 'PER_UNIT':
      return { ...base, model: c.model, unitPrice: needed(c.unitPrice, `${at}.unit_price`) };
    case 'GRADUATED':
    case 'VOLUME':
      return { ...base, model: c.model, tiers: tiers() };
    case 'PACKAGE':
      return {
        ...base,
        model: c.model,
        packageSize: needed(c.packageSize, `${at}.package_size`),
        packagePrice: needed(c.packagePrice, `${at}.package_price`),
      };
    case 'FLAT':
      return { ...base, model: c.model, flatAmount: needed(c.flatAmount, `${at}.flat_amount`) };
    case 'PERCENTAGE_MARKUP':
      return {
        ...base,
        model: c.model,
        markupPercent: needed(c.markupPercent, `${at}.markup_percent`),
      };
  }
}

/** A plan's charges and a charge's tiers are bounded: more is a mistake, not a price list. */
const MAX_CHARGES = 100;
const MAX_TIERS = 100;

/** Parses and validates a plan's charges from the wire; every problem names its field. */
export function chargesFromProto(charges: readonly Charge[], field = 'charges'): StoredCharge[] {
  if (charges.length > MAX_CHARGES) throw invalidArgument(field, `at most ${MAX_CHARGES} charges`);
  // Every charge checked, so one answer names every bad charge field.
  const problems = new FieldProblems();
  const stored = charges.map((charge, index) =>
    problems.check(() => chargeFromProto(charge, `${field}[${index}]`)),
  );
  problems.throwIfAny();
  return stored as StoredCharge[];
}

/** One charge from the wire; every problem of it at once, each field named once. */
function chargeFromProto(charge: Charge, at: string): StoredCharge {
  const problems = new FieldProblems();
  const model = ProtoModel[charge.model]?.replace(/^CHARGE_MODEL_/, '') as ChargeModel | undefined;
  const known = model !== undefined && CHARGE_MODELS.includes(model);
  if (!known) problems.add(`${at}.model`, `must be one of ${CHARGE_MODELS.join(', ')}`);
  if (!charge.meterCode) problems.add(`${at}.meter_code`, 'is required');
  if (charge.tiers.length > MAX_TIERS) {
    // More tiers than any price list has is a mistake: what they say is not worth judging.
    problems.add(`${at}.tiers`, `at most ${MAX_TIERS} tiers`);
    problems.throwIfAny();
  }
  const stored: StoredCharge = {
    meterCode: charge.meterCode,
    model: model as ChargeModel,
    unitPrice: charge.unitPrice,
    tiers: charge.tiers.map((t) => ({ upTo: t.upTo, unitPrice: t.unitPrice, flatFee: t.flatFee })),
    packageSize: charge.packageSize,
    packagePrice: charge.packagePrice,
    flatAmount: charge.flatAmount,
    markupPercent: charge.markupPercent,
    freeUnits: charge.freeUnits,
    minimumAmount: charge.minimumAmount,
  };
  if (known) problems.addWorded(unusedChargeFields(stored.model, setFields(stored)), `${at}.`);
  checkDigits(stored, at, problems);
  // What the values must be depends on the model.
  if (known) checkValues(stored, at, problems);
  problems.throwIfAny();
  return stored;
}

/**
 * The model's rules on the values. A value that is not a decimal was named when it was
 * read, and is missing from the spec: a field already named is not named again.
 */
function checkValues(stored: StoredCharge, at: string, problems: FieldProblems): void {
  const spec = specFrom(stored, at, (read) => problems.check(read) as ReturnType<typeof read>);
  for (const problem of validateCharge(spec))
    if (!problems.names(`${at}.${problem.slice(0, problem.indexOf(':'))}`))
      problems.addWorded([problem], `${at}.`);
}

/** The fields the charge sets, as on the wire: a model that does not read one refuses it. */
function setFields(c: StoredCharge): string[] {
  const fields: [string, boolean][] = [
    ['unit_price', c.unitPrice !== ''],
    ['tiers', c.tiers.length > 0],
    ['package_size', c.packageSize !== ''],
    ['package_price', c.packagePrice !== ''],
    ['flat_amount', c.flatAmount !== ''],
    ['markup_percent', c.markupPercent !== ''],
    ['free_units', c.freeUnits !== ''],
    ['minimum_amount', c.minimumAmount !== ''],
  ];
  return fields.filter(([, set]) => set).map(([field]) => field);
}

/**
 * Decimals from the wire are bounded; charges already stored are read back
 * as they are (specFrom), so the bound is checked here and not there.
 */
function checkDigits(c: StoredCharge, at: string, problems: FieldProblems): void {
  const fields: [string, string][] = [
    ['unit_price', c.unitPrice],
    ['package_size', c.packageSize],
    ['package_price', c.packagePrice],
    ['flat_amount', c.flatAmount],
    ['markup_percent', c.markupPercent],
    ['free_units', c.freeUnits],
    ['minimum_amount', c.minimumAmount],
    ...c.tiers.flatMap((t, i): [string, string][] => [
      [`tiers[${i}].up_to`, t.upTo],
      [`tiers[${i}].unit_price`, t.unitPrice],
      [`tiers[${i}].flat_fee`, t.flatFee],
    ]),
  ];
  for (const [field, value] of fields)
    if (isDecimalString(value) && exceedsInputDigits(value) && !problems.names(`${at}.${field}`))
      problems.add(`${at}.${field}`, INPUT_DIGITS_RULE);
}

export function chargesToJson(charges: readonly StoredCharge[]): string {
  return JSON.stringify(charges);
}

export function chargesFromJson(json: string): StoredCharge[] {
  return JSON.parse(json) as StoredCharge[];
}

export function chargeSpecs(json: string): ChargeSpec[] {
  return chargesFromJson(json).map((c, i) => specFrom(c, `charges[${i}]`));
}

/** The specs of charges just parsed from the wire. */
export function storedSpecs(charges: readonly StoredCharge[]): ChargeSpec[] {
  return charges.map((c, i) => specFrom(c, `charges[${i}]`));
}

export function chargeToProto(c: StoredCharge): MessageInitShape<typeof ChargeSchema> {
  return { ...c, model: ProtoModel[c.model] };
}

export function modelToProto(model: ChargeModel): ProtoModel {
  return ProtoModel[model];
}

export type { StoredCharge };
