import { Injectable, Logger } from '@nestjs/common';
import { assembleInvoice, formatRange, InvoiceDraft, TimeRange } from '@cascade/invoicing-domain';
import { invalidArgument } from '@cascade/platform';
import { InvoiceRepository } from '../persistence/invoice.repository';
import { DraftOutcome, SavedDraft } from '../persistence/invoice-record';
import { mapConcurrent } from './concurrency';
import { draftRecord } from './draft-record';
import { EdgeGroup, groupEdges, hasPlan, invoiceInput, ratedCurrency } from './edge-billing';
import { RatedPart, RatingGateway } from './rating.gateway';
import { BillingEdge, TenantGateway } from './tenant.gateway';

/** Edges rated at once: rating is the slow part; the database serializes what it must. */
const CONCURRENCY = 4;
/** A progress line every this many edges. */
const PROGRESS_EVERY = 100;

/**
 * Bills every edge of every tree for one period: one invoice per (seller, buyer,
 * period). Not atomic across edges, but idempotent: each invoice is saved in its
 * own transaction, so a run that fails half way is completed by running it again.
 */
@Injectable()
export class BillingRunService {
  private readonly log = new Logger('billing');

  constructor(
    private readonly tenants: TenantGateway,
    private readonly rating: RatingGateway,
    private readonly invoices: InvoiceRepository,
  ) {}

  /** The ids of the period's invoices, drafts and already finalized ones alike. */
  async run(period: TimeRange): Promise<string[]> {
    if (period.start.getTime() >= period.end.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    const label = formatRange(period);
    const edges: BillingEdge[] = [];
    for await (const page of this.tenants.billingEdges(period)) edges.push(...page);
    const groups = groupEdges(edges);
    this.log.log(`run ${label}: ${edges.length} edges, ${groups.length} seller/buyer pairs`);

    const currencies = new Map<string, Promise<string>>();
    let rated = 0;
    const saved = await mapConcurrent(groups, CONCURRENCY, async (group) => {
      const result = await this.billGroup(group, period, currencies);
      const before = rated;
      rated += group.edges.length;
      if (Math.floor(rated / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY))
        this.log.log(`run ${label}: ${rated}/${edges.length} edges billed`);
      return result;
    });

    const billed = saved.filter((s): s is SavedDraft => s !== null);
    this.log.log(`run ${label}: done, ${summary(billed)}`);
    return billed.map((s) => s.id);
  }

  private async billGroup(
    group: EdgeGroup,
    period: TimeRange,
    currencies: Map<string, Promise<string>>,
  ): Promise<SavedDraft | null> {
    const parts: RatedPart[] = [];
    for (const edge of group.edges) parts.push(await this.rating.rate(edge));
    if (!hasPlan(parts)) return null;
    const currency =
      ratedCurrency(parts) ?? (await this.sellerCurrency(group.sellerTenantId, currencies));
    const draft = assembleInvoice(invoiceInput(group, parts, period, currency));
    const saved = await this.invoices.saveDraft(draftRecord(draft), new Date());
    if (saved.outcome === 'locked') this.onLockedInvoice(saved, draft);
    return saved;
  }

  /**
   * Seam for late usage: a finalized (paid, void) invoice never changes. When its
   * re-rated draft differs, the difference belongs on the NEXT period's invoice as
   * ADJUSTMENT lines (`adjustmentLines` in @cascade/invoicing-domain). Not built yet:
   * for now the difference is only logged.
   */
  private onLockedInvoice(saved: SavedDraft, draft: InvoiceDraft): void {
    this.log.debug(
      `invoice ${saved.id} is ${saved.status}: left unchanged (re-rated total ${draft.total.toFixed()})`,
    );
  }

  /** Rating normally names the currency; the seller's own is the fallback, asked once per run. */
  private sellerCurrency(sellerId: string, cache: Map<string, Promise<string>>): Promise<string> {
    let currency = cache.get(sellerId);
    if (!currency) {
      currency = this.tenants.currencyOf(sellerId);
      cache.set(sellerId, currency);
    }
    return currency;
  }
}

function summary(saved: readonly SavedDraft[]): string {
  const counts: Record<DraftOutcome, number> = { created: 0, updated: 0, unchanged: 0, locked: 0 };
  for (const s of saved) counts[s.outcome] += 1;
  return Object.entries(counts)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
}
