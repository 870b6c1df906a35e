import { formatDecimal } from '@cascade/money';
import type { ChargeSpec } from '../charge';
import { priceCharge, type PricedCharge } from '../price-charge';
import type { PricingContext } from '../pricing-context';
import { d } from './builders';

/** [units, unitPrice, flatFee, amount, upTo | null], all as exact decimal strings. */
export type TierRow = [string, string, string, string, string | null];

/**
 * One row of the pricing table. Unset mutator fields mean "no mutator took
 * effect": nothing free, nothing trued up, base amount equal to amount.
 */
export interface PricingCase {
  name: string;
  spec: ChargeSpec;
  quantity: string;
  ctx?: PricingContext;
  tiers: TierRow[];
  amount: string;
  freeUnits?: string;
  billableQuantity?: string;
  baseAmount?: string;
  minimumAdjustment?: string;
}

/** The one harness every pricing table runs through: priceCharge, compared as exact strings. */
export function pricingTable(cases: PricingCase[]): void {
  it.each(cases)('$name', (row) => {
    expect(shown(priceCharge(row.spec, d(row.quantity), row.ctx))).toEqual(expected(row));
  });
}

function shown(priced: PricedCharge) {
  return {
    model: priced.model,
    quantity: formatDecimal(priced.quantity),
    freeUnits: formatDecimal(priced.freeUnits),
    billableQuantity: formatDecimal(priced.billableQuantity),
    tiers: priced.tiers.map((t): TierRow => [
      formatDecimal(t.units),
      formatDecimal(t.unitPrice),
      formatDecimal(t.flatFee),
      formatDecimal(t.amount),
      t.upTo === null ? null : formatDecimal(t.upTo),
    ]),
    baseAmount: formatDecimal(priced.baseAmount),
    minimumAdjustment: formatDecimal(priced.minimumAdjustment),
    amount: formatDecimal(priced.amount),
  };
}

function expected(row: PricingCase): ReturnType<typeof shown> {
  return {
    model: row.spec.model,
    quantity: row.quantity,
    freeUnits: row.freeUnits ?? '0',
    billableQuantity: row.billableQuantity ?? row.quantity,
    tiers: row.tiers,
    baseAmount: row.baseAmount ?? row.amount,
    minimumAdjustment: row.minimumAdjustment ?? '0',
    amount: row.amount,
  };
}
