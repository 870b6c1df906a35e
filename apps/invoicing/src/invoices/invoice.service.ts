import { Injectable } from '@nestjs/common';
import {
  dueAt,
  formatInvoiceNumber,
  prefixedInvoiceNumber,
  TimeRange,
} from '@cascade/invoicing-domain';
import { failedPrecondition, invalidArgument, notFound } from '@cascade/platform';
import { InvoiceStatus } from '../persistence/invoice.entity';
import { InvoiceEventType } from '../persistence/invoice-event.entity';
import { StoredInvoice } from '../persistence/invoice-record';
import { InvoiceRepository, Transition } from '../persistence/invoice.repository';
import { drawCreditsOnFinalize } from '../persistence/finalize-credits';
import { SellerProfileService } from '../profiles/seller-profile.service';
import { decodeInvoiceCursor, encodeInvoiceCursor } from './invoice-page-token';

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
  pageToken: string;
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

/** The lifecycle: DRAFT → FINALIZED → PAID or VOID; nothing else. */
const STEPS = {
  finalize: { from: 'DRAFT', to: 'FINALIZED', event: 'FINALIZED', verb: 'finalized' },
  pay: { from: 'FINALIZED', to: 'PAID', event: 'PAID', verb: 'marked paid' },
  void: { from: 'FINALIZED', to: 'VOID', event: 'VOIDED', verb: 'voided' },
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
    if (query.from && query.to && query.from.getTime() >= query.to.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    const cursor = decodeInvoiceCursor(query.pageToken);
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
   * Gives the invoice the next number in its seller's sequence and draws the buyer's
   * prepaid credits, in one transaction. Finalizing an invoice that is already
   * FINALIZED returns it unchanged, so a client retrying after a lost response gets
   * its answer, not an error; PAID and VOID are refused.
   */
  async finalize(id: string): Promise<StoredInvoice> {
    const at = new Date();
    // The seller's terms in force now: its (or its nearest ancestor's) prefix and payment terms.
    const { profile } = await this.profiles.effective((await this.get(id)).invoice.sellerTenantId);
    const outcome = await this.step(id, STEPS.finalize, at, {
      changes: { finalizedAt: at, dueAt: dueAt(at, profile.paymentTermsDays) },
      number: (sellerTenantId, sequence) =>
        profile.invoicePrefix
          ? prefixedInvoiceNumber(profile.invoicePrefix, at, sequence)
          : formatInvoiceNumber(sellerCode(sellerTenantId), sequence),
      alsoDo: (tx, invoice) => drawCreditsOnFinalize(tx, invoice, at),
    });
    if (outcome !== 'applied' && outcome !== 'FINALIZED')
      throw illegal(id, outcome, STEPS.finalize);
    return this.get(id);
  }

  async markPaid(id: string): Promise<StoredInvoice> {
    const at = new Date();
    const outcome = await this.step(id, STEPS.pay, at, { changes: { paidAt: at } });
    if (outcome !== 'applied') throw illegal(id, outcome, STEPS.pay);
    return this.get(id);
  }

  async void(id: string, reason: string): Promise<StoredInvoice> {
    const at = new Date();
    const outcome = await this.step(id, STEPS.void, at, {
      changes: { voidReason: reason, voidedAt: at },
    });
    if (outcome !== 'applied') throw illegal(id, outcome, STEPS.void);
    return this.get(id);
  }

  /** 'applied', or the status that stopped the step. */
  private async step(
    id: string,
    step: Step,
    at: Date,
    extra: Pick<Transition, 'changes' | 'number' | 'alsoDo'> = {},
  ): Promise<'applied' | InvoiceStatus> {
    const result = await this.invoices.transition({ id, ...step, at, ...extra });
    if (result.applied) return 'applied';
    if (result.status === null) throw notFound('invoice', id);
    return result.status;
  }
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
