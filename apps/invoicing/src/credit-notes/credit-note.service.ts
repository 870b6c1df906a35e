import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  creditNote,
  CreditNoteDraft,
  CreditNoteError,
  CreditNoteInput,
  CreditRequestLine,
  formatInvoiceNumber,
} from '@cascade/invoicing-domain';
import { Dec, sum, ZERO } from '@cascade/money';
import { AppError, failedPrecondition, invalidArgument, notFound } from '@cascade/platform';
import { addToBalance, appendCreditEntry, readBalance } from '../persistence/credit-ledger';
import {
  CreditNoteEntity,
  CreditNoteLineEntity,
  StoredCreditNote,
} from '../persistence/credit-note.entity';
import { CreditNoteRepository } from '../persistence/credit-note.repository';
import { InvoiceEntity } from '../persistence/invoice.entity';
import { InvoiceLineEntity } from '../persistence/invoice-line.entity';
import { appendInvoiceEvent } from '../persistence/invoice-outbox';
import { nextInvoiceSequence } from '../persistence/seller-counter';
import { sellerCode } from '../invoices/invoice.service';
import { creditNoteRequestDigest } from './credit-note-request';

export interface IssueCreditNote {
  invoiceId: string;
  reason: string;
  lines: CreditRequestLine[];
  creditToBalance: boolean;
  idempotencyKey: string | null;
}

/**
 * Credit notes: corrections to finalized (or paid) invoices, which never change. A
 * note takes back part or all of the invoice's lines — never more than is left of a
 * line after earlier notes — with tax at the invoice's rate, gets the next number in
 * its seller's credit note sequence, is announced on the invoice stream, and may go
 * to the buyer's prepaid credits. All of it in one transaction.
 */
@Injectable()
export class CreditNoteService {
  constructor(private readonly notes: CreditNoteRepository) {}

  async issue(input: IssueCreditNote): Promise<StoredCreditNote> {
    const id = await this.notes.em().transactional(async (em) => {
      const invoice = await em.findOne(InvoiceEntity, { id: input.invoiceId });
      if (!invoice) throw notFound('invoice', input.invoiceId);
      if (invoice.status !== 'FINALIZED' && invoice.status !== 'PAID')
        throw failedPrecondition(
          `invoice ${JSON.stringify(invoice.id)} is ${invoice.status}: only a FINALIZED or PAID invoice can be credited`,
        );
      const requestDigest = input.idempotencyKey ? creditNoteRequestDigest(input) : null;
      if (input.idempotencyKey) {
        const same = await em.findOne(CreditNoteEntity, {
          invoiceId: invoice.id,
          idempotencyKey: input.idempotencyKey,
        });
        // Notes issued before digests were kept are answered as before.
        if (same && same.requestDigest !== null && same.requestDigest !== requestDigest)
          throw failedPrecondition(
            `idempotency_key: ${JSON.stringify(input.idempotencyKey)} was used for credit note ${same.number} with other content (reason, lines or amounts)`,
          );
        if (same) return same.id;
      }
      // The seller's counter row is locked until commit: notes of one seller (so of one
      // invoice) are issued one at a time, each seeing what the previous took back.
      const sequence = await nextInvoiceSequence(em, invoice.sellerTenantId, 'credit_note_counter');
      const earlier = await this.notes.ofInvoice(em, invoice.id);
      const credited = new Map<number, Dec>();
      for (const line of earlier.flatMap((n) => n.lines))
        credited.set(
          line.invoiceLineNo,
          (credited.get(line.invoiceLineNo) ?? ZERO).plus(line.amount),
        );
      const draft = this.draft(input, {
        currency: invoice.currency,
        taxRate: invoice.taxRate,
        lines: await em.find(
          InvoiceLineEntity,
          { invoiceId: invoice.id },
          { orderBy: { lineNo: 'asc' } },
        ),
        credited,
        taxLeft: invoice.tax.minus(sum(earlier.map((n) => n.note.tax))),
      });
      const at = new Date();
      const note = em.create(CreditNoteEntity, {
        id: randomUUID(),
        number: formatInvoiceNumber(sellerCode(invoice.sellerTenantId), sequence).replace(
          /^INV-/,
          'CN-',
        ),
        invoiceId: invoice.id,
        sellerTenantId: invoice.sellerTenantId,
        buyerTenantId: invoice.buyerTenantId,
        currency: invoice.currency,
        reason: input.reason,
        subtotal: draft.subtotal,
        tax: draft.tax,
        total: draft.total,
        creditedToBalance: input.creditToBalance ? 1 : 0,
        idempotencyKey: input.idempotencyKey,
        requestDigest,
        createdAt: at,
      });
      // Plain schemas carry no relations: the note must be written before its lines.
      await em.flush();
      draft.lines.forEach((line, i) =>
        em.create(CreditNoteLineEntity, {
          creditNoteId: note.id,
          lineNo: i + 1,
          invoiceLineNo: line.invoiceLineNo,
          kind: line.kind,
          description: line.description,
          meterCode: line.meterCode,
          amount: line.amount,
        }),
      );
      await em.flush();
      if (input.creditToBalance) await this.toBalance(em, invoice, note.id, draft.total, at);
      await appendInvoiceEvent(em, invoice, 'CREDITED', at, note.id);
      return note.id;
    });
    return (await this.notes.getMany([id])).get(id) as StoredCreditNote;
  }

  async list(invoiceId: string): Promise<StoredCreditNote[]> {
    const em = this.notes.em();
    if (!(await em.findOne(InvoiceEntity, { id: invoiceId }))) throw notFound('invoice', invoiceId);
    return this.notes.ofInvoice(em, invoiceId);
  }

  private draft(
    input: IssueCreditNote,
    invoice: Omit<CreditNoteInput, 'requested'>,
  ): CreditNoteDraft {
    try {
      return creditNote({ ...invoice, requested: input.lines });
    } catch (error) {
      if (!(error instanceof CreditNoteError)) throw error;
      if (error.reason === 'INVALID') throw invalidArgument(error.field, error.detail);
      throw new AppError('FAILED_PRECONDITION', error.message);
    }
  }

  private async toBalance(
    em: EntityManager,
    invoice: { sellerTenantId: string; buyerTenantId: string; currency: string },
    creditNoteId: string,
    total: Dec,
    at: Date,
  ): Promise<void> {
    const current = await readBalance(em, invoice.sellerTenantId, invoice.buyerTenantId);
    if (current && current.currency !== invoice.currency)
      throw failedPrecondition(
        `credit_to_balance: the buyer's credits with this seller are in ${current.currency}, the invoice in ${invoice.currency}`,
      );
    const balance = await addToBalance(em, invoice, total, at);
    await appendCreditEntry(
      em,
      { ...invoice, kind: 'CREDIT_NOTE', amount: total, balanceAfter: balance, creditNoteId },
      at,
    );
  }
}
