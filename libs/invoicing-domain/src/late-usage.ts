import { Dec, formatDecimal, sum } from '@cascade/money';
import { formatRange } from './period-label';
import { assertValidRange, TimeRange } from './time-range';

/** What a meter came to on an invoice: pass the amounts as that invoice showed them. */
export interface BilledUsage {
  readonly meterCode: string;
  readonly quantity: Dec;
  readonly amount: Dec;
}

/** A correction for a finalized period, to be billed on a later invoice. */
export interface AdjustmentLine {
  readonly meterCode: string;
  readonly quantity: Dec;
  readonly preciseAmount: Dec;
  readonly forPeriod: TimeRange;
  readonly description: string;
}

/**
 * A finalized invoice never changes, so usage that arrives later is billed as the
 * difference, per meter, between re-rating the whole period now and what was billed.
 * Re-rating the whole period (not just the late events) keeps tiers right: late units
 * may move the total into a cheaper volume tier, and the adjustment can then be negative.
 * A meter with neither quantity nor amount changed gets no line.
 */
export function adjustmentLines(
  previouslyBilled: readonly BilledUsage[],
  rebilled: readonly BilledUsage[],
  period: TimeRange,
): AdjustmentLine[] {
  assertValidRange(period, 'adjusted period');
  const before = linesByMeter(previouslyBilled);
  const after = linesByMeter(rebilled);
  const meters = [...new Set([...before.keys(), ...after.keys()])].sort();
  return meters.flatMap((meterCode) => {
    const quantity = total(after, meterCode, 'quantity').minus(
      total(before, meterCode, 'quantity'),
    );
    const amount = total(after, meterCode, 'amount').minus(total(before, meterCode, 'amount'));
    if (quantity.isZero() && amount.isZero()) return [];
    return [
      {
        meterCode,
        quantity,
        preciseAmount: amount,
        forPeriod: period,
        description: `Late usage for ${formatRange(period)}: ${meterCode} ${change(quantity)}`,
      },
    ];
  });
}

function linesByMeter(lines: readonly BilledUsage[]): Map<string, BilledUsage[]> {
  const byMeter = new Map<string, BilledUsage[]>();
  for (const line of lines)
    byMeter.set(line.meterCode, [...(byMeter.get(line.meterCode) ?? []), line]);
  return byMeter;
}

function total(
  byMeter: Map<string, BilledUsage[]>,
  meterCode: string,
  field: 'quantity' | 'amount',
): Dec {
  return sum((byMeter.get(meterCode) ?? []).map((line) => line[field]));
}

function change(quantity: Dec): string {
  if (quantity.isZero()) return 're-rated, quantity unchanged';
  return `${quantity.isPositive() ? '+' : ''}${formatDecimal(quantity)} units`;
}
