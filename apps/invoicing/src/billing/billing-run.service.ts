import { Injectable, Logger } from '@nestjs/common';
import { billingRunEnded, billingRunStarted } from '../metrics/invoicing-metrics';
import {
  Anchor,
  duePeriod,
  formatInstant,
  formatRange,
  periodAfter,
  TimeRange,
} from '@cascade/invoicing-domain';
import { failedPrecondition } from '@cascade/platform';
import { BillingRunRow } from '../persistence/billing-run.entity';
import { BillingRunRepository, RunStart } from '../persistence/billing-run.repository';
import { BillingContextRepository } from '../persistence/billing-context.repository';
import { LateUsageRepository } from '../persistence/late-usage.repository';
import { Chunk, ChunkBiller, SellerCurrencies } from './chunk-biller';
import { mapConcurrent } from './concurrency';
import { batched, overlapped } from './pipeline';
import { RatedGroup, ratedGroups } from './rated-groups';
import { RatedPart, RatingGateway } from './rating.gateway';
import { requireBillingWindow } from './billing-window-rule';
import { RunProgress } from './run-progress';
import { TenantGateway } from './tenant.gateway';
import { RatedEdges, UnpricedCheck } from './unpriced-check';

/** Edges billed per chunk: one transaction and a few reads per chunk (tests make it 1). */
const chunkSize = () => Number(process.env.INVOICING_RUN_CHUNK ?? 500);
/** RateEdge calls in flight for anniversary edges. */
const CONCURRENCY = 4;
const CALENDAR: Anchor = { kind: 'CALENDAR' };

export interface RunOutcome {
  run: BillingRunRow;
  invoiceIds: string[];
}

/**
 * Bills every edge of every tree for one calendar month: one invoice per (seller,
 * buyer, billing period). Calendar buyers are billed for the month from ONE RateTree
 * stream (rating reads each meter's usage once for all edges), chunk by chunk while
 * the stream flows; anniversary buyers for their period that ends in the month, edge
 * by edge. Not atomic across chunks, but idempotent: a run that stopped half way (a
 * crash, a peer down) is completed by running the month again, which rewrites only
 * what is missing or changed; its run row says which run it resumes.
 */
@Injectable()
export class BillingRunService {
  private readonly log = new Logger('billing');

  constructor(
    private readonly tenants: TenantGateway,
    private readonly rating: RatingGateway,
    private readonly runs: BillingRunRepository,
    private readonly contexts: BillingContextRepository,
    private readonly chunks: ChunkBiller,
    private readonly late: LateUsageRepository,
    private readonly unpriced: UnpricedCheck,
  ) {}

  /** `onStarted` hears of the run's row as soon as it exists (RunBillingWithProgress follows it). */
  async run(
    window: TimeRange,
    started: RunStart,
    onStarted?: (run: BillingRunRow) => void,
  ): Promise<RunOutcome> {
    const now = started.at ?? new Date();
    requireBillingWindow(window);
    requireEndedUnlessPreview(window, started.preview, now);
    const label = `${formatRange(window)}${started.preview ? ' (preview)' : ''}`;
    const run = await this.runs.start(window, now, started);
    onStarted?.(run);
    const progress = new RunProgress(run, this.runs, this.log, label);
    billingRunStarted();
    this.log.log(
      `run ${run.id} ${label}: started${run.resumes ? `, resuming run ${run.resumes}` : ''}`,
    );
    try {
      const currencies = new SellerCurrencies(this.tenants);
      const anniversary = await this.contexts.anniversaryBuyers();
      const rated = await this.billCalendarBuyers(window, anniversary, progress, currencies);
      const skip = (buyer: string) => anniversary.has(buyer);
      progress.unpriced(await this.unpriced.record(run.id, window, rated, skip, currencies));
      await this.billAnniversaryBuyers(window, anniversary, progress, currencies);
      await this.billLateUsageLeftBehind(window, anniversary, progress, currencies);
      await this.runs.succeed(run, progress.counts, new Date());
      billingRunEnded('SUCCEEDED');
      this.log.log(`run ${run.id} ${label}: done, ${progress.summary()}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      billingRunEnded('FAILED');
      await this.runs.fail(run.id, progress.counts, message, new Date());
      this.log.error(`run ${run.id} ${label}: failed after ${progress.summary()}: ${message}`);
      throw error;
    }
    return { run: (await this.runs.get(run.id)) ?? run, invoiceIds: progress.invoiceIds };
  }

  private async billCalendarBuyers(
    window: TimeRange,
    anniversary: ReadonlyMap<string, Date>,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<RatedEdges> {
    const next = periodAfter(window, CALENDAR);
    const stream = this.rating.rateTree(window);
    const rated = new RatedEdges();
    async function* counted(): AsyncGenerator<RatedPart> {
      for await (const part of stream) {
        progress.seen(1);
        rated.add(part);
        yield part;
      }
    }
    async function* calendarOnly(): AsyncGenerator<RatedGroup> {
      for await (const group of ratedGroups(counted()))
        if (!anniversary.has(group.buyerTenantId)) yield group;
    }
    const preview = progress.preview;
    await overlapped(batched(calendarOnly(), chunkSize()), async (groups) => {
      await progress.billed(
        await this.chunks.bill({ period: window, next, groups, preview }, currencies),
      );
    });
    // The stream has listed every calendar part: the total is known.
    progress.listed(progress.counts.edgesSeen);
    return rated;
  }

  /**
   * Late usage of a buyer that is no longer billed by the seller (it moved, or its
   * plan ended) would wait forever for a next invoice: the month gets an invoice of
   * those adjustments alone.
   */
  private async billLateUsageLeftBehind(
    window: TimeRange,
    anniversary: ReadonlyMap<string, Date>,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<void> {
    const pending = (await this.late.pendingPairs(window.start)).filter(
      (p) => !anniversary.has(p.buyerTenantId) && !progress.billedPair(p),
    );
    const next = periodAfter(window, CALENDAR);
    for (let i = 0; i < pending.length; i += chunkSize()) {
      const groups = pending.slice(i, i + chunkSize()).map((p) => ({ ...p, parts: [] }));
      const chunk = { period: window, next, groups, preview: progress.preview };
      await progress.billed(await this.chunks.bill(chunk, currencies));
    }
  }

  /**
   * Each anniversary buyer is billed for its period that ends inside the month. The
   * tree stream rates calendar months only, so these edges are rated one by one
   * (RateEdge), over the parts metering lists for each distinct anniversary period.
   */
  private async billAnniversaryBuyers(
    window: TimeRange,
    anniversary: ReadonlyMap<string, Date>,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<void> {
    const byPeriod = new Map<string, { period: TimeRange; next: TimeRange; buyers: Set<string> }>();
    for (const [buyer, start] of anniversary) {
      const anchor: Anchor = { kind: 'ANNIVERSARY', start };
      const period = duePeriod(window, anchor);
      const key = `${period.start.getTime()}/${period.end.getTime()}`;
      const entry = byPeriod.get(key) ?? {
        period,
        next: periodAfter(period, anchor),
        buyers: new Set<string>(),
      };
      entry.buyers.add(buyer);
      byPeriod.set(key, entry);
    }
    for (const { period, next, buyers } of byPeriod.values()) {
      const edges = [];
      for await (const page of this.tenants.billingEdges(period))
        edges.push(...page.filter((e) => buyers.has(e.buyerTenantId)));
      progress.listed(edges.length);
      const parts = await mapConcurrent(edges, CONCURRENCY, (edge) => this.rating.rate(edge));
      progress.seen(parts.length);
      const groups = groupParts(parts);
      for (let i = 0; i < groups.length; i += chunkSize()) {
        const slice = groups.slice(i, i + chunkSize());
        const chunk: Chunk = { period, next, groups: slice, preview: progress.preview };
        await progress.billed(await this.chunks.bill(chunk, currencies));
      }
    }
  }
}

/**
 * A period that has not ended cannot be billed for real: its usage is not all in, and
 * fees in advance would be billed for a period after one not yet closed. A preview
 * may bill it (drafts marked preview, never finalized); a preview of an ended period
 * makes no sense.
 */
function requireEndedUnlessPreview(window: TimeRange, preview: boolean, now: Date): void {
  const ended = window.end.getTime() <= now.getTime();
  if (!ended && !preview)
    throw failedPrecondition(
      `period_end: the period has not ended (it ends ${formatInstant(window.end)}); set preview to bill it as a preview`,
    );
  if (ended && preview)
    throw failedPrecondition(
      `preview: the period ended ${formatInstant(window.end)}; bill it without preview`,
    );
}

/** One group per (seller, buyer): a buyer that left and came back has two parts. */
function groupParts(parts: readonly RatedPart[]): RatedGroup[] {
  const groups = new Map<string, RatedGroup>();
  for (const part of parts) {
    const { sellerTenantId, buyerTenantId } = part.edge;
    const key = `${sellerTenantId}\u0000${buyerTenantId}`;
    const group = groups.get(key) ?? { sellerTenantId, buyerTenantId, parts: [] };
    group.parts.push(part);
    groups.set(key, group);
  }
  return [...groups.values()];
}
