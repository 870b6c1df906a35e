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
import { AppError, FieldProblems, invalidArgument, invalidArguments } from '@cascade/platform';

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

function specFrom(c: StoredCharge, at: string): ChargeSpec {
  const base = {
    meterCode: c.meterCode,
    freeUnits: decimalField(c.freeUnits, `${at}.free_units`),
    minimumAmount: decimalField(c.minimumAmount, `${at}.minimum_amount`),
  };
  const tiers = (): Tier[] =>
    c.tiers.map((t, i) => ({
      upTo: decimalField(t.upTo, `${at}.tiers[${i}].up_to`) ?? null,
      unitPrice: required(t.unitPrice, `${at}.tiers[${i}].unit_price`),
      flatFee: decimalField(t.flatFee, `${at}.tiers[${i}].flat_fee`),
    }));
  switch (c.model) {
    case 'PER_UNIT':
      return { ...base, model: c.model, unitPrice: required(c.unitPrice, `${at}.unit_price`) };
    case 'GRADUATED':
    case 'VOLUME':
      return { ...base, model: c.model, tiers: tiers() };
    case 'PACKAGE':
      return {
        ...base,
        model: c.model,
        packageSize: required(c.packageSize, `${at}.package_size`),
        packagePrice: required(c.packagePrice, `${at}.package_price`),
      };
    case 'FLAT':
      return { ...base, model: c.model, flatAmount: required(c.flatAmount, `${at}.flat_amount`) };
    case 'PERCENTAGE_MARKUP':
      return {
        ...base,
        model: c.model,
        markupPercent: required(c.markupPercent, `${at}.markup_percent`),
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

function chargeFromProto(charge: Charge, at: string): StoredCharge {
  const model = ProtoModel[charge.model]?.replace(/^CHARGE_MODEL_/, '') as ChargeModel | undefined;
  if (!model || !CHARGE_MODELS.includes(model))
    throw invalidArgument(`${at}.model`, `must be one of ${CHARGE_MODELS.join(', ')}`);
  if (!charge.meterCode) throw invalidArgument(`${at}.meter_code`, 'is required');
  if (charge.tiers.length > MAX_TIERS)
    throw invalidArgument(`${at}.tiers`, `at most ${MAX_TIERS} tiers`);
  const stored: StoredCharge = {
    meterCode: charge.meterCode,
    model,
    unitPrice: charge.unitPrice,
    tiers: charge.tiers.map((t) => ({ upTo: t.upTo, unitPrice: t.unitPrice, flatFee: t.flatFee })),
    packageSize: charge.packageSize,
    packagePrice: charge.packagePrice,
    flatAmount: charge.flatAmount,
    markupPercent: charge.markupPercent,
    freeUnits: charge.freeUnits,
    minimumAmount: charge.minimumAmount,
  };
  const unused = unusedChargeFields(model, setFields(stored));
  if (unused.length > 0) throw invalidArguments(unused.map((p) => `${at}.${p}`));
  checkDigits(stored, at);
  const problems = validateCharge(specFrom(stored, at));
  if (problems.length > 0)
    throw new AppError('INVALID_ARGUMENT', problems.map((p) => `${at}.${p}`).join('; '));
  return stored;
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
function checkDigits(c: StoredCharge, at: string): void {
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
    if (isDecimalString(value) && exceedsInputDigits(value))
      throw invalidArgument(`${at}.${field}`, INPUT_DIGITS_RULE);
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
