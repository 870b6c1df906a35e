import {
  AdjustmentLine,
  intersect,
  InvoiceInput,
  SubscriptionSpan,
  subscriptionCharges,
  TimeRange,
} from '@cascade/invoicing-domain';
import { Dec } from '@cascade/money';
import { RatedGroup } from './rated-groups';
import { RatedPart, RatedSpan } from './rating.gateway';

/** What billing one edge needs besides rating's answer. */
export interface EdgeTerms {
  /** The invoice's period, and the one after it, billed in advance. */
  period: TimeRange;
  next: TimeRange;
  currency: string;
  /** Subscription fees earlier invoices billed in advance for `period`. */
  billedFees: readonly SubscriptionSpan[];
  cancelAt?: Date;
  taxRate?: Dec;
  /** The buyer's prepaid credits with this seller, when in the invoice's currency. */
  availableCredits?: Dec;
  /** Late usage of earlier, finalized periods. */
  adjustments: readonly AdjustmentLine[];
}

/** No plan on any part of the edge means nothing to bill: no invoice. */
export function hasPlan(parts: readonly RatedPart[]): boolean {
  return parts.some((part) => part.spans.length > 0);
}

/** The one currency rating priced the parts in, if it said. */
export function ratedCurrency(parts: readonly RatedPart[]): string | undefined {
  const currencies = new Set(parts.map((p) => p.currency).filter((c) => c !== ''));
  if (currencies.size > 1) {
    const [first] = parts;
    throw new Error(
      `edge ${first.edge.sellerTenantId} -> ${first.edge.buyerTenantId} was rated in several currencies: ${[...currencies].join(', ')}`,
    );
  }
  return [...currencies][0];
}

/**
 * The invoice input of one edge: usage as rated (in arrears), and subscription fees in
 * advance (see subscriptionCharges) from the SUBSCRIPTION spans only — PAYG has no fee —
 * each clipped to the part of the period the buyer spent under this seller.
 */
export function invoiceInput(group: RatedGroup, terms: EdgeTerms): InvoiceInput {
  const actual = group.parts.flatMap((part) =>
    part.spans
      .filter((span) => span.billingModel === 'SUBSCRIPTION')
      .flatMap((span) => clip(span, part.edge.part)),
  );
  return {
    sellerTenantId: group.sellerTenantId,
    buyerTenantId: group.buyerTenantId,
    currency: terms.currency,
    period: terms.period,
    feeLines: subscriptionCharges({
      period: terms.period,
      next: terms.next,
      actual,
      billed: terms.billedFees,
      cancelAt: terms.cancelAt,
    }),
    usageLines: group.parts.flatMap((part) => part.usageLines),
    adjustmentLines: terms.adjustments,
    taxRate: terms.taxRate,
    availableCredits: terms.availableCredits,
  };
}

function clip(span: RatedSpan, part: TimeRange): SubscriptionSpan[] {
  const covered = intersect(part, { start: span.from, end: span.to });
  if (covered === null) return [];
  return [
    {
      planId: span.planId,
      version: span.version,
      subscriptionFee: span.subscriptionFee,
      from: covered.start,
      to: covered.end,
      // A plan without an interval is monthly, as periods are.
      interval: span.interval === 'YEARLY' ? 'YEARLY' : 'MONTHLY',
    },
  ];
}
