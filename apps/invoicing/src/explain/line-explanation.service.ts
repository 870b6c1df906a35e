import { Injectable } from '@nestjs/common';
import { ExplainLineResponse } from '@cascade/contracts';
import { invalidArgument, runInRequest } from '@cascade/platform';
import { InvoiceAccess } from '../access/invoice-access';
import { RatingGateway } from '../billing/rating.gateway';
import { TenantGateway } from '../billing/tenant.gateway';
import { InvoiceLineRow } from '../persistence/invoice-line.entity';
import { StoredInvoice } from '../persistence/invoice-record';
import { InvoiceRepository } from '../persistence/invoice.repository';
import { InvoiceService } from '../invoices/invoice.service';

/** A line of another invoice of the chain, for the same meter and time. */
export interface RelatedInvoiceLine {
  invoice: StoredInvoice;
  line: InvoiceLineRow;
}

export interface LineExplanation {
  invoice: StoredInvoice;
  line: InvoiceLineRow;
  explained: ExplainLineResponse;
  /** Tenant id → name, for the tenants among the contributions. */
  names: Map<string, string>;
  cost: RelatedInvoiceLine[];
  resale: RelatedInvoiceLine[];
}

type Party = { sellerTenantId: string } | { buyerTenantId: string };

/**
 * One usage line across the chain: where its quantity came from (rating's ExplainLine
 * over the line's own time), what the invoice's seller was charged for the same meter
 * and time (cost) and what its buyer charged its own buyers (resale), each shown only
 * when the caller may read that invoice — so a customer never sees its seller's cost,
 * and a reseller still sees what it billed a tenant that has moved away since.
 */
@Injectable()
export class LineExplanationService {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly repository: InvoiceRepository,
    private readonly access: InvoiceAccess,
    private readonly rating: RatingGateway,
    private readonly tenants: TenantGateway,
  ) {}

  async explain(invoiceId: string, lineNumber: number): Promise<LineExplanation> {
    const invoice = await this.invoices.get(invoiceId);
    const line = invoice.lines.find((l) => l.lineNo === lineNumber);
    if (!line) throw invalidArgument('line_number', `the invoice has no line ${lineNumber}`);
    // An adjustment's time is the whole earlier period it corrects: its usage line explains it.
    if (line.kind !== 'USAGE' || !line.fromAt || !line.toAt)
      throw invalidArgument(
        'line_number',
        `line ${lineNumber} is a ${line.kind} line: only usage lines are explained`,
      );
    const { sellerTenantId, buyerTenantId } = invoice.invoice;
    const range = { start: line.fromAt, end: line.toAt };
    // The caller may read this invoice (checked before): rating and metering answer for
    // its edge as for invoicing itself, not for the caller, whose subtree the buyer may
    // have left since (a reseller reading what it billed a customer that moved away).
    const { explained, names } = await asInvoicing(async () => {
      const answer = await this.rating.explain(
        { sellerTenantId, buyerTenantId, part: range },
        line.meterCode,
      );
      const named = new Map<string, string>();
      for (const { key } of answer.byTenant) named.set(key, await this.tenants.nameOf(key));
      return { explained: answer, names: named };
    });
    return {
      invoice,
      line,
      explained,
      names,
      cost: await this.related({ buyerTenantId: sellerTenantId }, line.meterCode, range),
      resale: await this.related({ sellerTenantId: buyerTenantId }, line.meterCode, range),
    };
  }

  private async related(
    party: Party,
    meterCode: string,
    range: { start: Date; end: Date },
  ): Promise<RelatedInvoiceLine[]> {
    const found = await this.repository.overlapping(party, range.start, range.end);
    const visible = new Set(await this.access.visibleAmong(found.map((f) => f.invoice.id)));
    return found
      .filter((stored) => visible.has(stored.invoice.id))
      .flatMap((stored) =>
        stored.lines
          .filter(
            (l) =>
              l.kind === 'USAGE' &&
              l.meterCode === meterCode &&
              l.fromAt !== null &&
              l.toAt !== null &&
              l.fromAt < range.end &&
              l.toAt > range.start,
          )
          .map((l) => ({ invoice: stored, line: l })),
      );
  }
}

/** Runs peer calls with the service's own credential, forwarding no caller. */
function asInvoicing<T>(fn: () => Promise<T>): Promise<T> {
  return runInRequest({ principal: { kind: 'service' } }, fn);
}
