import { Injectable } from '@nestjs/common';
import { formatInstant, formatInvoiceNumber, TimeRange } from '@cascade/invoicing-domain';
import { failedPrecondition, invalidArgument, notFound } from '@cascade/platform';
import { InvoiceStatus } from '../persistence/invoice.entity';
import { InvoiceEventType } from '../persistence/invoice-event.entity';
import { StoredInvoice } from '../persistence/invoice-record';
import { InvoiceRepository, Transition } from '../persistence/invoice.repository';
import { drawCreditsOnFinalize } from '../persistence/finalize-credits';
import { creditNegativeDueOnFinalize } from '../persistence/credit-negative-due';

export interface ListQuery {
  sellerTenantId: string;
  buyerTenantId: string;
  /** Invoices whose period starts at or after this … */
  from?: TimeRange['start'];
  /** … and ends at or before this. */
  to?: TimeRange['end'];
}

interface Step {
  from: InvoiceStatus;
  to: InvoiceStatus;
  event: InvoiceEventType;
  verb: string;
}

/** The lifecycle: DRAFT → FINALIZED → PAID or VOID, or DRAFT → DISCARDED; nothing else. */
const STEPS = {
  finalize: { from: 'DRAFT', to: 'FINALIZED', event: 'FINALIZED', verb: 'finalized' },
  pay: { from: 'FINALIZED', to: 'PAID', event: 'PAID', verb: 'marked paid' },
  void: { from: 'FINALIZED', to: 'VOID', event: 'VOIDED', verb: 'voided' },
  discard: { from: 'DRAFT', to: 'DISCARDED', event: 'DISCARDED', verb: 'discarded' },
} as const satisfies Record<string, Step>;

/** Reading invoices and moving them through their lifecycle. */
@Injectable()
export class InvoiceService {
  constructor(private readonly invoices: InvoiceRepository) {}

  async get(id: string): Promise<StoredInvoice> {
    const stored = await this.invoices.get(id);
    if (!stored) throw notFound('invoice', id);
    return stored;
  }

  list(query: ListQuery): Promise<StoredInvoice[]> {
    if (!query.sellerTenantId && !query.buyerTenantId)
      throw invalidArgument('seller_tenant_id', 'seller_tenant_id or buyer_tenant_id is required');
    if (query.from && query.to && query.from.getTime() >= query.to.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    return this.invoices.list({
      sellerTenantId: query.sellerTenantId || undefined,
      buyerTenantId: query.buyerTenantId || undefined,
      periodStart: query.from,
      periodEnd: query.to,
    });
  }

  /**
   * Gives the invoice the next number in its seller's sequence, draws the buyer's
   * prepaid credits and credits a negative amount due back to them, in one
   * transaction. Only a draft of a period that has ended, and not a preview, can be
   * finalized: its usage is in. Every lifecycle call is idempotent: repeating it on an
   * invoice already in the status it leads to returns the invoice unchanged, so a
   * client retrying after a lost response gets its answer, not an error.
   */
  async finalize(id: string, now = new Date()): Promise<StoredInvoice> {
    const outcome = await this.step(id, STEPS.finalize, now, {
      changes: { finalizedAt: now },
      // Part of the claim, so a finalize is still the few statements it was.
      onlyIf: { where: 'preview = 0 and period_end <= ?', params: [now.getTime()] },
      number: (sellerTenantId, sequence) =>
        formatInvoiceNumber(sellerCode(sellerTenantId), sequence),
      alsoDo: async (tx, invoice) => {
        await drawCreditsOnFinalize(tx, invoice, now);
        await creditNegativeDueOnFinalize(tx, invoice, now);
      },
    });
    // Still a draft: the claim's condition refused it; say which.
    if (outcome === 'DRAFT') refuseUnfinalizable(await this.get(id), now);
    return this.settle(id, outcome, STEPS.finalize);
  }

  async markPaid(id: string): Promise<StoredInvoice> {
    return this.settle(id, await this.step(id, STEPS.pay, new Date()), STEPS.pay);
  }

  /** A second void keeps the first one's reason: the invoice is returned as it is. */
  async void(id: string, reason: string): Promise<StoredInvoice> {
    const outcome = await this.step(id, STEPS.void, new Date(), {
      changes: { voidReason: reason },
    });
    return this.settle(id, outcome, STEPS.void);
  }

  /**
   * Takes a draft out of billing (a preview, or one the seller does not want): it
   * bills nothing, holds no key, and is announced on the stream. The next run of its
   * period bills the key again from what rating says then.
   */
  async discard(id: string, reason: string): Promise<StoredInvoice> {
    const outcome = await this.step(id, STEPS.discard, new Date(), {
      changes: { voidReason: reason },
    });
    return this.settle(id, outcome, STEPS.discard);
  }

  /** The invoice once the step applied, or was already done; any other status refuses it. */
  private async settle(
    id: string,
    outcome: 'applied' | InvoiceStatus,
    step: Step,
  ): Promise<StoredInvoice> {
    if (outcome !== 'applied' && outcome !== step.to) throw illegal(id, outcome, step);
    return this.get(id);
  }

  /** 'applied', or the status that stopped the step. */
  private async step(
    id: string,
    step: Step,
    at: Date,
    extra: Pick<Transition, 'changes' | 'number' | 'alsoDo' | 'onlyIf'> = {},
  ): Promise<'applied' | InvoiceStatus> {
    const result = await this.invoices.transition({ id, ...step, at, ...extra });
    if (result.applied) return 'applied';
    if (result.status === null) throw notFound('invoice', id);
    return result.status;
  }
}

function refuseUnfinalizable(stored: StoredInvoice, now: Date): never {
  const { id, preview, periodEnd } = stored.invoice;
  if (preview === 1)
    throw failedPrecondition(
      `invoice ${JSON.stringify(id)} is a preview: a preview is never finalized; bill its period again once it has ended`,
    );
  if (periodEnd.getTime() > now.getTime())
    throw failedPrecondition(
      `invoice ${JSON.stringify(id)}: its period ends ${formatInstant(periodEnd)}; it can be finalized once the period has ended`,
    );
  // A re-run rewrote the draft (its preview flag) between the claim and this read.
  throw failedPrecondition(`invoice ${JSON.stringify(id)} changed while finalizing; try again`);
}

function illegal(id: string, status: InvoiceStatus, step: Step): Error {
  return failedPrecondition(
    `invoice ${JSON.stringify(id)} is ${status}: only a ${step.from} invoice can be ${step.verb}`,
  );
}

/**
 * The seller's part of an invoice number. Tenant ids are service-chosen UUIDs, which
 * are valid codes as they are; anything else is made one. A seller-chosen prefix
 * belongs to billing settings, which do not exist yet.
 */
export function sellerCode(sellerTenantId: string): string {
  const code = sellerTenantId.replace(/[^A-Za-z0-9._-]/g, '-');
  return /^[A-Za-z0-9]/.test(code) ? code : `S${code}`;
}
