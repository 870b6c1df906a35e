import { EntityManager } from '@mikro-orm/core';
import { failedPrecondition } from '@cascade/platform';
import type { ClaimedInvoice } from './invoice.repository';
import { addToBalance, appendCreditEntry, readBalance } from './credit-ledger';

/**
 * Inside the finalize transaction: an invoice whose amount due was negative owes the
 * buyer money, which becomes prepaid credits the buyer holds with the seller (drawn
 * first by its next invoices). Credits are kept in one currency per pair, so a balance
 * in another currency refuses the finalize rather than mixing them.
 */
export async function creditNegativeDueOnFinalize(
  tx: EntityManager,
  invoice: ClaimedInvoice,
  at: Date,
): Promise<void> {
  const amount = invoice.creditedToBalance;
  if (!amount || !amount.gt(0)) return;
  const key = {
    sellerTenantId: invoice.sellerTenantId,
    buyerTenantId: invoice.buyerTenantId,
    currency: invoice.currency,
  };
  const current = await readBalance(tx, key.sellerTenantId, key.buyerTenantId, true);
  if (current && current.currency !== invoice.currency)
    throw failedPrecondition(
      `invoice ${JSON.stringify(invoice.id)}: its credit of ${amount.toFixed()} ${invoice.currency} cannot go to the buyer's credits with this seller, which are in ${current.currency}`,
    );
  const balance = await addToBalance(tx, key, amount, at);
  await appendCreditEntry(
    tx,
    { ...key, kind: 'INVOICE_CREDIT', amount, balanceAfter: balance, invoiceId: invoice.id },
    at,
  );
}
