import { Dec, ZERO } from '@cascade/money';
import { InvoiceDraft } from './invoice-draft';
import { CreditInvoiceLine } from './invoice-line';

export const BALANCE_CREDIT_DESCRIPTION = "Credited to the buyer's prepaid balance";

/** An invoice that owes the buyer money: what goes to the buyer's prepaid credits. */
export interface CreditedDraft extends InvoiceDraft {
  /** Positive, or zero when the invoice owes nothing back. */
  readonly creditedToBalance: Dec;
}

/**
 * A negative amount due (credits for unused time beyond what the period bills) is not
 * a bill: it becomes prepaid credits the buyer holds with the seller, shown as a
 * CREDIT line that brings the amount due to zero — so every line still adds up to it.
 * The credits themselves move when the invoice is finalized.
 */
export function creditNegativeDue(draft: InvoiceDraft): CreditedDraft {
  if (!draft.amountDue.isNegative()) return { ...draft, creditedToBalance: ZERO };
  const credited = draft.amountDue.negated();
  const line: CreditInvoiceLine = {
    kind: 'CREDIT',
    description: BALANCE_CREDIT_DESCRIPTION,
    preciseAmount: credited,
    amount: credited,
  };
  return { ...draft, lines: [...draft.lines, line], amountDue: ZERO, creditedToBalance: credited };
}
