import { Interval, periodContaining } from './period';
import { FeeLine, PlanSpan } from './plan-span';
import { feeCorrectionLines } from './fee-corrections';
import { subscriptionFeeLines } from './subscription-fees';
import { assertValidRange, TimeRange } from './time-range';

/** A plan version's stretch with the interval its fee is quoted for. */
export interface SubscriptionSpan extends PlanSpan {
  readonly interval: Interval;
}

export interface SubscriptionChargesInput {
  /** The invoice's billing period. */
  readonly period: TimeRange;
  /** The period after it, whose fee this invoice bills in advance. */
  readonly next: TimeRange;
  /** The SUBSCRIPTION spans in force during `period` (rating's, clipped to the edge's part). */
  readonly actual: readonly SubscriptionSpan[];
  /** What earlier invoices already billed for `period` in advance. */
  readonly billed: readonly SubscriptionSpan[];
  /** The subscription ends here: no fee from this instant on. */
  readonly cancelAt?: Date;
}

/** Label of a fee billed for a period that has not started yet. */
export const IN_ADVANCE = 'Subscription fee (in advance)';

/**
 * The fee lines of one invoice, billed in advance (Stripe's and Lago's model):
 *
 * - the NEXT period's fee at the plan version in force when this period ends,
 *   prorated when a cancellation falls inside it;
 * - this period's settlement: what the actual spans owe against what was billed in
 *   advance. Nothing billed (the first period, a buyer new to this seller) bills the
 *   actual spans as they are; otherwise "Unused time" credits and "Remaining time"
 *   charges settle plan changes, moves and cancellations, and no change means no line.
 *
 * Monthly fees are prorated against the period; a yearly fee is billed in monthly
 * installments, prorated against the year that starts with the period.
 */
export function subscriptionCharges(input: SubscriptionChargesInput): FeeLine[] {
  assertValidRange(input.period, 'billing period');
  assertValidRange(input.next, 'next period');
  const actual = input.actual.flatMap((span) => clipAt(span, input.cancelAt));
  const settlement = (['MONTHLY', 'YEARLY'] as const).flatMap((interval) => {
    const own = actual.filter((s) => s.interval === interval);
    const billed = input.billed.filter((s) => s.interval === interval);
    const basis = basisOf(interval, input.period);
    const lines =
      input.billed.length === 0
        ? subscriptionFeeLines(own, input.period, { basis })
        : feeCorrectionLines(billed, own, input.period, basis);
    return lines.map((line) => ({ ...line, interval }));
  });
  const end = input.period.end.getTime();
  const advance = actual
    .filter((span) => span.to.getTime() === end)
    .flatMap((span) =>
      clipAt({ ...span, from: input.next.start, to: input.next.end }, input.cancelAt),
    )
    .flatMap((span) =>
      subscriptionFeeLines([span], input.next, {
        basis: basisOf(span.interval, input.next),
        label: IN_ADVANCE,
      }).map((line) => ({ ...line, interval: span.interval })),
    );
  return [...settlement, ...advance].sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** The time one whole fee pays for. */
export function basisOf(interval: Interval, period: TimeRange): TimeRange {
  if (interval === 'MONTHLY') return period;
  return periodContaining(period.start, 'YEARLY', { kind: 'ANNIVERSARY', start: period.start });
}

function clipAt<S extends SubscriptionSpan>(span: S, cancelAt: Date | undefined): S[] {
  if (cancelAt === undefined || span.to.getTime() <= cancelAt.getTime()) return [span];
  if (span.from.getTime() >= cancelAt.getTime()) return [];
  return [{ ...span, to: cancelAt }];
}
