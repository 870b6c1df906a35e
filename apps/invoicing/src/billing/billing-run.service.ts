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
import { ChunkBiller, SellerCurrencies } from './chunk-biller';
import { batched, overlapped } from './pipeline';
import { RatedGroup, ratedGroups } from './rated-groups';
import { RatedPart, RatingGateway } from './rating.gateway';
import { requireBillingWindow } from './billing-window-rule';
import { RunProgress } from './run-progress';
import { TenantGateway } from './tenant.gateway';
import { RatedEdges, UnpricedCheck } from './unpriced-check';

/** Edges billed per chunk: one transaction and a few reads per chunk (tests make it 1). */
const chunkSize = () => Number(process.env.INVOICING_RUN_CHUNK ?? 500);
/** Buyers named in one RateTree call: rating's limit (its MAX_BUYER_FILTER). */
const BUYERS_PER_PASS = 10_000;
const CALENDAR: Anchor = { kind: 'CALENDAR' };

/** A billing period and the next one, whose fees its invoices bill in advance. */
interface Periods {
  period: TimeRange;
  next: TimeRange;
}

export interface RunOutcome {
  run: BillingRunRow;
  invoiceIds: string[];
}

/**
 * Bills every edge of every tree for one calendar month: one invoice per (seller,
 * buyer, billing period). Calendar buyers are billed for the month from ONE RateTree
 * stream (rating reads each meter's usage once for all edges), chunk by chunk while
 * the stream flows; anniversary buyers for their period that ends in the month, from
 * one RateTree stream per distinct period, naming its buyers. Not atomic across
 * chunks, but idempotent: a run that stopped half way (a crash, a peer down) is
 * completed by running the month again, which rewrites only what is missing or
 * changed; its run row says which run it resumes.
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
      const calendar = { period: window, next: periodAfter(window, CALENDAR) };
      const isCalendar = (buyer: string) => !anniversary.has(buyer);
      const rated = await this.billCalendarBuyers(calendar, isCalendar, progress, currencies);
      const skip = (buyer: string) => anniversary.has(buyer);
      progress.unpriced(await this.unpriced.record(run.id, window, rated, { skip }, currencies));
      await this.billAnniversaryBuyers(run.id, window, anniversary, progress, currencies);
      await this.billLateUsageLeftBehind(calendar, isCalendar, progress, currencies);
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
    calendar: Periods,
    isCalendar: (buyerTenantId: string) => boolean,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<RatedEdges> {
    const rated = new RatedEdges();
    const parts = rated.recording(this.rating.rateTree(calendar.period));
    await this.billStream(parts, calendar, isCalendar, progress, currencies);
    return rated;
  }

  /**
   * Each anniversary buyer is billed for its period that ends inside the month: one
   * RateTree stream per distinct anniversary period, naming the buyers billed over it
   * (buyers sharing an anniversary instant share the stream), and what it could not
   * price is recorded for that period like a calendar month's.
   */
  private async billAnniversaryBuyers(
    runId: string,
    window: TimeRange,
    anniversary: ReadonlyMap<string, Date>,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<void> {
    for (const { buyers, ...periods } of anniversaryPeriods(window, anniversary)) {
      for (let i = 0; i < buyers.length; i += BUYERS_PER_PASS) {
        const named = buyers.slice(i, i + BUYERS_PER_PASS);
        const rated = new RatedEdges();
        const parts = rated.recording(this.rating.rateTree(periods.period, named));
        await this.billStream(parts, periods, () => true, progress, currencies);
        const scope = { buyers: named };
        progress.unpriced(
          await this.unpriced.record(runId, periods.period, rated, scope, currencies),
        );
      }
      const named = new Set(buyers);
      await this.billLateUsageLeftBehind(periods, (b) => named.has(b), progress, currencies);
    }
  }

  /**
   * Bills a RateTree stream as it flows: grouped by (seller, buyer), the groups of
   * buyers `billed` keeps, chunk by chunk. Once the stream ends its parts are the
   * total to do.
   */
  private async billStream(
    stream: AsyncIterable<RatedPart>,
    { period, next }: Periods,
    billed: (buyerTenantId: string) => boolean,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<void> {
    let streamed = 0;
    async function* counted(): AsyncGenerator<RatedPart> {
      for await (const part of stream) {
        streamed += 1;
        progress.seen(1);
        yield part;
      }
    }
    async function* kept(): AsyncGenerator<RatedGroup> {
      for await (const group of ratedGroups(counted()))
        if (billed(group.buyerTenantId)) yield group;
    }
    const preview = progress.preview;
    await overlapped(batched(kept(), chunkSize()), async (groups) => {
      await progress.billed(await this.chunks.bill({ period, next, groups, preview }, currencies));
    });
    progress.listed(streamed);
  }

  /**
   * Late usage of a buyer that is no longer billed by the seller (it moved, or its
   * plan ended) would wait forever for a next invoice: the period gets an invoice of
   * those adjustments alone, for the buyers `billedOver` it.
   */
  private async billLateUsageLeftBehind(
    { period, next }: Periods,
    billedOver: (buyerTenantId: string) => boolean,
    progress: RunProgress,
    currencies: SellerCurrencies,
  ): Promise<void> {
    const pending = (await this.late.pendingPairs(period.start)).filter(
      (p) => billedOver(p.buyerTenantId) && !progress.billedPair(p),
    );
    for (let i = 0; i < pending.length; i += chunkSize()) {
      const groups = pending.slice(i, i + chunkSize()).map((p) => ({ ...p, parts: [] }));
      const chunk = { period, next, groups, preview: progress.preview };
      await progress.billed(await this.chunks.bill(chunk, currencies));
    }
  }
}

/** The anniversary buyers by the period each is billed for in the run over `window`. */
function anniversaryPeriods(
  window: TimeRange,
  anniversary: ReadonlyMap<string, Date>,
): (Periods & { buyers: string[] })[] {
  const byPeriod = new Map<string, Periods & { buyers: string[] }>();
  for (const [buyer, start] of anniversary) {
    const anchor: Anchor = { kind: 'ANNIVERSARY', start };
    const period = duePeriod(window, anchor);
    const key = `${period.start.getTime()}/${period.end.getTime()}`;
    const entry = byPeriod.get(key) ?? { period, next: periodAfter(period, anchor), buyers: [] };
    entry.buyers.push(buyer);
    byPeriod.set(key, entry);
  }
  return [...byPeriod.values()];
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
