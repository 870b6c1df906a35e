import { EntityManager } from '@mikro-orm/core';
import { creditsToApply } from '@cascade/invoicing-domain';
import { ZERO } from '@cascade/money';
import { InvoiceEntity } from './invoice.entity';
import type { ClaimedInvoice } from './invoice.repository';
import { InvoiceLineEntity } from './invoice-line.entity';
import { appendCreditEntry, readBalance, takeFromBalance } from './credit-ledger';

const CREDIT_LINE = 'Prepaid credits applied';

/**
 * Inside the finalize transaction: draws the buyer's prepaid credits for real. A draft
 * only showed what the balance held when it was billed; the balance may have moved
 * since (another invoice finalized, a top-up), so the draw is settled here, against
 * the balance as it is now, and the invoice's CREDIT line and amount due are set to
 * the amount actually drawn — once, as the invoice becomes immutable.
 */
export async function drawCreditsOnFinalize(
  tx: EntityManager,
  invoice: ClaimedInvoice,
  at: Date,
): Promise<void> {
  const key = {
    sellerTenantId: invoice.sellerTenantId,
    buyerTenantId: invoice.buyerTenantId,
    currency: invoice.currency,
  };
  const balance = await readBalance(tx, key.sellerTenantId, key.buyerTenantId, true);
  const available = balance && balance.currency === invoice.currency ? balance.balance : ZERO;
  let drawn = creditsToApply(invoice.total, available, invoice.currency);
  if (drawn.gt(0)) {
    const after = await takeFromBalance(tx, key, drawn, at);
    // Locked for update on PostgreSQL, and SQLite has one writer: the read still holds.
    if (after === null)
      throw new Error(`credit balance of ${key.buyerTenantId} changed during finalize`);
    await appendCreditEntry(
      tx,
      { ...key, kind: 'DRAW', amount: drawn.negated(), balanceAfter: after, invoiceId: invoice.id },
      at,
    );
  } else {
    drawn = ZERO;
  }
  if (drawn.eq(invoice.creditsApplied)) return;
  await tx.nativeUpdate(
    InvoiceEntity,
    { id: invoice.id },
    { creditsApplied: drawn, amountDue: invoice.total.minus(drawn) },
  );
  await tx.nativeDelete(InvoiceLineEntity, {
    invoiceId: invoice.id,
    kind: 'CREDIT',
    description: CREDIT_LINE,
  });
  if (drawn.isZero()) return;
  const last = await tx.findOne(
    InvoiceLineEntity,
    { invoiceId: invoice.id },
    { orderBy: { lineNo: 'desc' } },
  );
  tx.create(InvoiceLineEntity, {
    invoiceId: invoice.id,
    lineNo: (last?.lineNo ?? 0) + 1,
    kind: 'CREDIT',
    description: CREDIT_LINE,
    meterCode: '',
    quantity: null,
    amount: drawn.negated(),
    preciseAmount: drawn.negated(),
    tiers: [],
    planId: '',
    planVersion: 0,
    fromAt: null,
    toAt: null,
    periodFee: null,
    feeInterval: null,
    meterName: '',
    unit: '',
    planName: '',
    planCode: '',
  });
  await tx.flush();
}
