import { Injectable } from '@nestjs/common';
import { formatInvoiceNumber, TimeRange } from '@cascade/invoicing-domain';
import { failedPrecondition, invalidArgument, notFound } from '@cascade/platform';
import { InvoiceStatus } from '../persistence/invoice.entity';
import { InvoiceEventType } from '../persistence/invoice-event.entity';
import { StoredInvoice } from '../persistence/invoice-record';
import { InvoiceRepository, Transition } from '../persistence/invoice.repository';
import { drawCreditsOnFinalize } from '../persistence/finalize-credits';

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

/** The lifecycle: DRAFT → FINALIZED → PAID or VOID; nothing else. */
const STEPS = {
  finalize: { from: 'DRAFT', to: 'FINALIZED', event: 'FINALIZED', verb: 'finalized' },
  pay: { from: 'FINALIZED', to: 'PAID', event: 'PAID', verb: 'marked paid' },
  void: { from: 'FINALIZED', to: 'VOID', event: 'VOIDED', verb: 'voided' },
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
   * Gives the invoice the next number in its seller's sequence and draws the buyer's
   * prepaid credits, in one transaction. Finalizing an invoice that is already
   * FINALIZED returns it unchanged, so a client retrying after a lost response gets
   * its answer, not an error; PAID and VOID are refused.
   */
  async finalize(id: string): Promise<StoredInvoice> {
    const at = new Date();
    const outcome = await this.step(id, STEPS.finalize, at, {
      changes: { finalizedAt: at },
      number: (sellerTenantId, sequence) =>
        formatInvoiceNumber(sellerCode(sellerTenantId), sequence),
      alsoDo: (tx, invoice) => drawCreditsOnFinalize(tx, invoice, at),
    });
    if (outcome !== 'applied' && outcome !== 'FINALIZED')
      throw illegal(id, outcome, STEPS.finalize);
    return this.get(id);
  }

  async markPaid(id: string): Promise<StoredInvoice> {
    const outcome = await this.step(id, STEPS.pay, new Date());
    if (outcome !== 'applied') throw illegal(id, outcome, STEPS.pay);
    return this.get(id);
  }

  async void(id: string, reason: string): Promise<StoredInvoice> {
    const outcome = await this.step(id, STEPS.void, new Date(), {
      changes: { voidReason: reason },
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
 * are valid codes as they are; anything else is made one. A seller-chosen prefix
 * belongs to billing settings, which do not exist yet.
 */
export function sellerCode(sellerTenantId: string): string {
  const code = sellerTenantId.replace(/[^A-Za-z0-9._-]/g, '-');
  return /^[A-Za-z0-9]/.test(code) ? code : `S${code}`;
}
