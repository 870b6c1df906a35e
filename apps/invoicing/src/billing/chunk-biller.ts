import { Injectable } from '@nestjs/common';
import {
  assembleInvoice,
  BilledUsage,
  creditNegativeDue,
  CreditedDraft,
  InvoiceDraft,
  TimeRange,
} from '@cascade/invoicing-domain';
import { BillingContextRepository } from '../persistence/billing-context.repository';
import { InvoiceRepository } from '../persistence/invoice.repository';
import { SavedDraft } from '../persistence/invoice-record';
import { LateUsageRepository, Rerated } from '../persistence/late-usage.repository';
import { PairKey, pairKey } from '../persistence/pair-key';
import { draftRecord } from './draft-record';
import { LineLabelSource } from './line-label-source';
import { hasPlan, invoiceInput, ratedCurrency } from './edge-billing';
import { RatedGroup } from './rated-groups';
import { TenantGateway } from './tenant.gateway';

/** Edges of one billing period, billed together. */
export interface Chunk {
  period: TimeRange;
  /** The period after, whose subscription fees these invoices bill in advance. */
  next: TimeRange;
  groups: RatedGroup[];
  /** The run bills a period not yet ended: its drafts are previews. */
  preview: boolean;
}

/** Sellers' own currencies, asked of metering once per run when rating did not say. */
export class SellerCurrencies {
  private readonly known = new Map<string, Promise<string>>();

  constructor(private readonly tenants: TenantGateway) {}

  of(sellerTenantId: string): Promise<string> {
    let currency = this.known.get(sellerTenantId);
    if (!currency) {
      currency = this.tenants.currencyOf(sellerTenantId);
      this.known.set(sellerTenantId, currency);
    }
    return currency;
  }
}

/**
 * Bills a chunk of edges: reads what the invoices need besides rating (fees billed in
 * advance, cancellations, tax rates, credit balances, late usage) in a few queries for
 * the whole chunk, assembles every invoice (pure), and saves them in one transaction.
 */
@Injectable()
export class ChunkBiller {
  constructor(
    private readonly contexts: BillingContextRepository,
    private readonly late: LateUsageRepository,
    private readonly invoices: InvoiceRepository,
    private readonly names: LineLabelSource,
  ) {}

  /** The invoices of the chunk's edges that have something to bill, in the chunk's order. */
  async bill(chunk: Chunk, currencies: SellerCurrencies): Promise<(SavedDraft & PairKey)[]> {
    const adjustments = await this.late.adjustments(chunk.groups, chunk.period);
    // An edge without a plan bills nothing, unless late usage of its past is carried.
    const groups = chunk.groups.filter((g) => hasPlan(g.parts) || adjustments.has(pairKey(g)));
    if (groups.length === 0) return [];
    const context = await this.contexts.load(groups, chunk.period);
    const drafts: CreditedDraft[] = [];
    for (const group of groups) {
      const key = pairKey(group);
      const pair = context.pairs.get(key);
      const settings = context.settings.get(group.buyerTenantId);
      const late = adjustments.get(key);
      const currency =
        ratedCurrency(group.parts) ?? late?.currency ?? (await currencies.of(group.sellerTenantId));
      const credits = pair?.credits?.currency === currency ? pair.credits.balance : undefined;
      drafts.push(
        creditNegativeDue(
          assembleInvoice(
            invoiceInput(group, {
              period: chunk.period,
              next: chunk.next,
              currency,
              billedFees: pair?.billedFees ?? [],
              cancelAt: pair?.cancelAt,
              taxRate: settings?.taxRate ?? undefined,
              availableCredits: credits,
              adjustments: late?.currency === currency ? late.lines : [],
            }),
          ),
        ),
      );
    }
    const labels = await this.names.labels(
      drafts.flatMap((d) => d.lines.flatMap((line) => ('planId' in line ? [line.planId] : []))),
    );
    const saved = await this.invoices.saveDrafts(
      drafts.map((draft) => draftRecord(draft, chunk.preview, labels)),
      new Date(),
    );
    const rerated: Rerated[] = [];
    saved.forEach((s, i) => {
      if (s.status !== 'FINALIZED' && s.status !== 'PAID') return;
      if (!hasPlan(groups[i].parts)) return; // carried adjustments only: nothing re-rated
      rerated.push({
        ...groups[i],
        invoiceId: s.id,
        period: chunk.period,
        usage: usageOf(drafts[i]),
      });
    });
    await this.late.record(rerated, new Date());
    return saved.map((s, i) => ({
      ...s,
      sellerTenantId: groups[i].sellerTenantId,
      buyerTenantId: groups[i].buyerTenantId,
    }));
  }
}

/**
 * Seam for late usage: a finalized (or paid) invoice never changes, but what its
 * period comes to now is kept, rounded as an invoice rounds it, per usage line.
 */
function usageOf(draft: InvoiceDraft): BilledUsage[] {
  return draft.lines.flatMap((line) =>
    line.kind === 'USAGE'
      ? [{ meterCode: line.meterCode, quantity: line.quantity, amount: line.amount }]
      : [],
  );
}
