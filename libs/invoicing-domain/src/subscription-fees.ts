import { FeeLine, PlanSpan, assertValidSpans, feeLineFor, spanRange } from './plan-span';
import { assertValidRange, intersect, TimeRange } from './time-range';

/**
 * The subscription fee lines for a billing period, one per plan span that touches it.
 * A span covering the whole period bills the whole fee; a start, a plan change or a
 * cancellation inside the period bills each span for the time it covers.
 *
 * Billing in advance is the caller's choice of spans: pass the spans scheduled at the
 * period's start, and settle later changes with `feeCorrectionLines`.
 */
export function subscriptionFeeLines(spans: readonly PlanSpan[], period: TimeRange): FeeLine[] {
  assertValidRange(period, 'billing period');
  assertValidSpans(spans);
  return [...spans]
    .sort((a, b) => a.from.getTime() - b.from.getTime())
    .flatMap((span) => {
      const part = intersect(period, spanRange(span));
      return part === null ? [] : [feeLineFor(span, part, period, 'Subscription fee')];
    });
}
