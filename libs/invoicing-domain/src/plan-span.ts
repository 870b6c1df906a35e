import { Dec } from '@cascade/money';
import { formatDayFraction, formatRange } from './period-label';
import { prorate } from './proration';
import { assertValidRange, durationMs, TimeRange } from './time-range';

/** Which plan version applied on an edge from `from` to `to` (half-open), as rating reports it. */
export interface PlanSpan {
  readonly planId: string;
  readonly version: number;
  /** The fee for one whole period of the plan version. */
  readonly subscriptionFee: Dec;
  readonly from: Date;
  readonly to: Date;
}

/** A subscription fee (or its correction) for part of a period, at full precision. */
export interface FeeLine {
  readonly planId: string;
  readonly version: number;
  readonly from: Date;
  readonly to: Date;
  readonly preciseAmount: Dec;
  readonly description: string;
  /** The fee of one whole interval of the plan version, which the line prorates. */
  readonly periodFee: Dec;
  /** The interval the fee is quoted for, when the caller said. */
  readonly interval?: 'MONTHLY' | 'YEARLY';
}

export function spanRange(span: PlanSpan): TimeRange {
  return { start: span.from, end: span.to };
}

/** Overlapping spans would bill the same time twice: that is a bug upstream, not a price. */
export function assertValidSpans(spans: readonly PlanSpan[]): void {
  const ordered = [...spans].sort((a, b) => a.from.getTime() - b.from.getTime());
  ordered.forEach((span, i) => {
    assertValidRange(spanRange(span), `plan ${span.planId} v${span.version} span`);
    if (span.subscriptionFee.isNegative()) {
      throw new RangeError(`plan ${span.planId} v${span.version} has a negative subscription fee`);
    }
    const previous = ordered[i - 1];
    if (previous !== undefined && previous.to > span.from) {
      throw new RangeError(
        `plan spans overlap: ${previous.planId} v${previous.version} and ${span.planId} v${span.version}`,
      );
    }
  });
}

/** Same plan version at the same fee: the only spans whose time can cancel out. */
export function sameTerms(a: PlanSpan, b: PlanSpan): boolean {
  return (
    a.planId === b.planId && a.version === b.version && a.subscriptionFee.eq(b.subscriptionFee)
  );
}

/**
 * The prorated fee of `span` for `part`, negated for a credit. `basis` is the time one
 * whole fee pays for: the billing period for a monthly plan, a year for a yearly one.
 */
export function feeLineFor(
  span: PlanSpan,
  part: TimeRange,
  basis: TimeRange,
  label: string,
  sign: 1 | -1 = 1,
): FeeLine {
  const amount = prorate(span.subscriptionFee, basis, part);
  const whole = durationMs(part) === durationMs(basis);
  const fraction = whole ? '' : ` (${formatDayFraction(part, basis)})`;
  return {
    planId: span.planId,
    version: span.version,
    from: part.start,
    to: part.end,
    preciseAmount: sign === 1 ? amount : amount.negated(),
    periodFee: span.subscriptionFee,
    description: `${label}, plan ${span.planId} v${span.version}, ${formatRange(part)}${fraction}`,
  };
}
