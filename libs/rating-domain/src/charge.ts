import type { Dec } from '@cascade/money';

/**
 * One price step. `upTo` is INCLUSIVE so that "units 1–5" reads as `upTo: 5`;
 * `null` marks the open last tier, which every tiered charge must end with.
 */
export interface Tier {
  upTo: Dec | null;
  unitPrice: Dec;
  flatFee?: Dec;
}

/** What every charge carries, whatever its model. */
interface ChargeBase {
  meterCode: string;
  /** Units given away before pricing, per charge and period. */
  freeUnits?: Dec;
  /** The least this charge bills for a period; the shortfall becomes a true-up. */
  minimumAmount?: Dec;
}

export interface PerUnitCharge extends ChargeBase {
  model: 'PER_UNIT';
  unitPrice: Dec;
}

export interface GraduatedCharge extends ChargeBase {
  model: 'GRADUATED';
  tiers: Tier[];
}

export interface VolumeCharge extends ChargeBase {
  model: 'VOLUME';
  tiers: Tier[];
}

export interface PackageCharge extends ChargeBase {
  model: 'PACKAGE';
  packageSize: Dec;
  packagePrice: Dec;
}

export interface FlatCharge extends ChargeBase {
  model: 'FLAT';
  flatAmount: Dec;
}

export interface PercentageMarkupCharge extends ChargeBase {
  model: 'PERCENTAGE_MARKUP';
  /** 20 means the seller's own cost plus 20 %. */
  markupPercent: Dec;
}

export type ChargeSpec =
  | PerUnitCharge
  | GraduatedCharge
  | VolumeCharge
  | PackageCharge
  | FlatCharge
  | PercentageMarkupCharge;

export type ChargeModel = ChargeSpec['model'];

/** The variant of ChargeSpec for one model. */
export type ChargeOf<M extends ChargeModel> = Extract<ChargeSpec, { model: M }>;

export const CHARGE_MODELS: readonly ChargeModel[] = [
  'PER_UNIT',
  'GRADUATED',
  'VOLUME',
  'PACKAGE',
  'FLAT',
  'PERCENTAGE_MARKUP',
];
