import { Injectable } from '@nestjs/common';
import {
  dueAt,
  formatInstant,
  formatInvoiceNumber,
  prefixedInvoiceNumber,
  TimeRange,
} from '@cascade/invoicing-domain';
import { failedPrecondition, notFound } from '@cascade/platform';
import { InvoiceStatus } from '../persistence/invoice.entity';
import { InvoiceEventType } from '../persistence/invoice-event.entity';
import { StoredInvoice } from '../persistence/invoice-record';
import { InvoiceRepository, Transition } from '../persistence/invoice.repository';
import { drawCreditsOnFinalize } from '../persistence/finalize-credits';
import { creditNegativeDueOnFinalize } from '../persistence/credit-negative-due';
import { SellerProfileService } from '../profiles/seller-profile.service';
import { encodeInvoiceCursor, InvoiceCursor } from './invoice-page-token';

export interface ListQuery {
  /** Empty for any seller; the caller's scope was checked (or is the whole installation). */
  sellerTenantId: string;
  buyerTenantId: string;
  /** Invoices whose period starts at or after this … */
  from?: TimeRange['start'];
  /** … and ends at or before this. */
  to?: TimeRange['end'];
  status?: InvoiceStatus;
  number: string;
  pageSize: number;
  /** Where the page before ended (its decoded page token); none for the first page. */
  cursor?: InvoiceCursor;
}

export interface InvoicePage {
  invoices: StoredInvoice[];
  nextPageToken: string;
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
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly profiles: SellerProfileService,
  ) {}

  async get(id: string): Promise<StoredInvoice> {
    const stored = await this.invoices.get(id);
    if (!stored) throw notFound('invoice', id);
    return stored;
  }

  /** One page; the next page token is empty after the last one. */
  async list(query: ListQuery): Promise<InvoicePage> {
    const { cursor } = query;
    // One more than asked says whether another page follows, without a count.
    const found = await this.invoices.list(
      {
        sellerTenantId: query.sellerTenantId || undefined,
        buyerTenantId: query.buyerTenantId || undefined,
        periodStart: query.from,
        periodEnd: query.to,
        status: query.status,
        number: query.number || undefined,
      },
      query.pageSize + 1,
      cursor,
    );
    const invoices = found.slice(0, query.pageSize);
    const last = invoices.at(-1)?.invoice;
    return {
      invoices,
      nextPageToken:
        found.length > query.pageSize && last
          ? encodeInvoiceCursor({
              periodStart: last.periodStart.getTime(),
              sellerTenantId: last.sellerTenantId,
              buyerTenantId: last.buyerTenantId,
              id: last.id,
            })
          : '',
    };
  }

  /** The ids of the invoices printed with this number, of one seller when named. */
  idsByNumber(number: string, sellerTenantId: string): Promise<string[]> {
    return this.invoices.idsByNumber(number, sellerTenantId);
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
    // The seller's terms in force now: its (or its nearest ancestor's) prefix and payment terms.
    const { profile } = await this.profiles.effective((await this.get(id)).invoice.sellerTenantId);
    const outcome = await this.step(id, STEPS.finalize, now, {
      changes: { finalizedAt: now, dueAt: dueAt(now, profile.paymentTermsDays) },
      // Part of the claim, so a finalize is still the few statements it was.
      onlyIf: { where: 'preview = 0 and period_end <= ?', params: [now.getTime()] },
      number: (sellerTenantId, sequence) =>
        profile.invoicePrefix
          ? prefixedInvoiceNumber(profile.invoicePrefix, now, sequence)
          : formatInvoiceNumber(sellerCode(sellerTenantId), sequence),
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
    const at = new Date();
    const outcome = await this.step(id, STEPS.pay, at, { changes: { paidAt: at } });
    return this.settle(id, outcome, STEPS.pay);
  }

  /** A second void keeps the first one's reason: the invoice is returned as it is. */
  async void(id: string, reason: string): Promise<StoredInvoice> {
    const at = new Date();
    const outcome = await this.step(id, STEPS.void, at, {
      changes: { voidReason: reason, voidedAt: at },
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
 * are valid codes as they are; anything else is made one. Used while no seller on the
 * path has chosen an invoice prefix (SetSellerProfile).
 */
export function sellerCode(sellerTenantId: string): string {
  const code = sellerTenantId.replace(/[^A-Za-z0-9._-]/g, '-');
  return /^[A-Za-z0-9]/.test(code) ? code : `S${code}`;
}
