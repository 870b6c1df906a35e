import { FeeLine, PlanSpan, assertValidSpans, feeLineFor, sameTerms, spanRange } from './plan-span';
import { assertValidRange, intersect, subtractRanges, TimeRange } from './time-range';

/**
 * Settles a fee billed in advance against what actually applied (Stripe-style proration):
 * time billed under terms that no longer apply is credited ("Unused time", negative), and
 * time now under terms not yet billed is charged ("Remaining time"). Time billed and
 * still under the same plan version produces nothing, so no change means no lines.
 * `basis` is the time one whole fee pays for (the period itself, or a year for yearly plans).
 */
export function feeCorrectionLines(
  billed: readonly PlanSpan[],
  actual: readonly PlanSpan[],
  period: TimeRange,
  basis: TimeRange = period,
): FeeLine[] {
  assertValidRange(period, 'billing period');
  assertValidSpans(billed);
  assertValidSpans(actual);
  const credits = uncovered(billed, actual, period).map(([span, part]) =>
    feeLineFor(span, part, basis, 'Unused time', -1),
  );
  const charges = uncovered(actual, billed, period).map(([span, part]) =>
    feeLineFor(span, part, basis, 'Remaining time'),
  );
  return [...credits, ...charges];
}

function uncovered(
  spans: readonly PlanSpan[],
  others: readonly PlanSpan[],
  period: TimeRange,
): [PlanSpan, TimeRange][] {
  return spans.flatMap((span) => {
    const inPeriod = intersect(period, spanRange(span));
    if (inPeriod === null) return [];
    const covered = others.filter((other) => sameTerms(other, span)).map(spanRange);
    return subtractRanges(inPeriod, covered).map((part): [PlanSpan, TimeRange] => [span, part]);
  });
}
