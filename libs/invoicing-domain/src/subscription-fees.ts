import { FeeLine, PlanSpan, assertValidSpans, feeLineFor, spanRange } from './plan-span';
import { assertValidRange, intersect, TimeRange } from './time-range';

export interface FeeLineOptions {
  /** The time one whole fee pays for; the period itself unless said (a year for yearly plans). */
  readonly basis?: TimeRange;
  /** How the lines start; "Subscription fee" unless said. */
  readonly label?: string;
}

/**
 * The subscription fee lines for a billing period, one per plan span that touches it.
 * A span covering the whole period bills the whole fee; a start, a plan change or a
 * cancellation inside the period bills each span for the time it covers.
 *
 * Billing in advance is the caller's choice of spans: pass the spans scheduled at the
 * period's start, and settle later changes with `feeCorrectionLines`.
 */
export function subscriptionFeeLines(
  spans: readonly PlanSpan[],
  period: TimeRange,
  options: FeeLineOptions = {},
): FeeLine[] {
  assertValidRange(period, 'billing period');
  assertValidSpans(spans);
  const basis = options.basis ?? period;
  const label = options.label ?? 'Subscription fee';
  return [...spans]
    .sort((a, b) => a.from.getTime() - b.from.getTime())
    .flatMap((span) => {
      const part = intersect(period, spanRange(span));
      return part === null ? [] : [feeLineFor(span, part, basis, label)];
    });
}
