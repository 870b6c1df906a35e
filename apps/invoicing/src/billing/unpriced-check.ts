import { unpricedEdgesFound } from '../metrics/invoicing-metrics';
import { Injectable, Logger } from '@nestjs/common';
import {
  edgeKey,
  EdgeMeterUsage,
  formatRange,
  RatedEdge,
  TimeRange,
  UnpricedLine,
  unpricedUsage,
} from '@cascade/invoicing-domain';
import { formatDecimal } from '@cascade/money';
import { UnpricedUsageRepository } from '../persistence/unpriced-usage.repository';
import { RatedPart } from './rating.gateway';
import { SellerCurrencies } from './chunk-biller';
import { TenantGateway } from './tenant.gateway';
import { UsageGateway } from './usage.gateway';

/** Pairs named in a run's warning; the rest are counted and listed by ListUnpricedUsage. */
const NAMED_IN_LOG = 20;

/** What rating priced on each edge of a run, gathered as the parts stream by. */
export class RatedEdges {
  readonly edges = new Map<string, RatedEdge>();

  add(part: RatedPart): void {
    const key = edgeKey(part.edge.sellerTenantId, part.edge.buyerTenantId);
    const seen = this.edges.get(key);
    const meterCodes = new Set(seen?.meterCodes);
    for (const line of part.usageLines) meterCodes.add(line.meterCode);
    this.edges.set(key, { hasPlan: (seen?.hasPlan ?? false) || part.spans.length > 0, meterCodes });
  }

  /** The parts of `stream`, each added here as it passes. */
  async *recording(stream: AsyncIterable<RatedPart>): AsyncGenerator<RatedPart> {
    for await (const part of stream) {
      this.add(part);
      yield part;
    }
  }
}

/** Whose usage a check covers: every buyer but the skipped ones, or only the named ones. */
export type UnpricedScope =
  { skip: (buyerTenantId: string) => boolean } | { buyers: readonly string[] };

function covers(scope: UnpricedScope): (buyerTenantId: string) => boolean {
  if ('skip' in scope) return (buyer) => !scope.skip(buyer);
  const named = new Set(scope.buyers);
  return (buyer) => named.has(buyer);
}

/**
 * After a run has rated the edges of a period: the usage metering counted on every edge
 * that rating did not price (no plan, no charge for the meter, a currency no plan of
 * the seller can have) is kept for ListUnpricedUsage and the margin report, counted on
 * the run and logged as a warning — so that no usage goes unbilled silently.
 */
@Injectable()
export class UnpricedCheck {
  private readonly log = new Logger('billing');

  constructor(
    private readonly usage: UsageGateway,
    private readonly tenants: TenantGateway,
    private readonly unpriced: UnpricedUsageRepository,
  ) {}

  async record(
    runId: string,
    window: TimeRange,
    rated: RatedEdges,
    scope: UnpricedScope,
    currencies: SellerCurrencies,
  ): Promise<number> {
    const covered = covers(scope);
    const usage = (await this.usage.edgeUsage(window)).filter((u) => covered(u.buyerTenantId));
    const differs = await this.currencyMismatches(usage, rated, currencies);
    const lines = unpricedUsage(usage, rated.edges, (s, b) => differs.has(edgeKey(s, b)));
    const paths = new Map<string, string>();
    for (const line of lines)
      if (!paths.has(line.buyerTenantId))
        paths.set(
          line.buyerTenantId,
          `/${(await this.tenants.pathOf(line.buyerTenantId)).join('/')}/`,
        );
    await this.unpriced.replace(
      window,
      lines.map((line) => ({
        periodStart: window.start,
        periodEnd: window.end,
        sellerTenantId: line.sellerTenantId,
        buyerTenantId: line.buyerTenantId,
        meterCode: line.meterCode,
        buyerPath: paths.get(line.buyerTenantId) ?? '',
        unit: line.unit,
        quantity: line.quantity,
        reason: line.reason,
        runId,
      })),
      'buyers' in scope ? scope.buyers : undefined,
    );
    unpricedEdgesFound(new Set(lines.map((l) => edgeKey(l.sellerTenantId, l.buyerTenantId))).size);
    if (lines.length > 0) this.log.warn(warning(runId, window, lines));
    return lines.length;
  }

  /** Edges without a plan whose buyer's currency is not the seller's. */
  private async currencyMismatches(
    usage: readonly EdgeMeterUsage[],
    rated: RatedEdges,
    currencies: SellerCurrencies,
  ): Promise<Set<string>> {
    const differs = new Set<string>();
    for (const u of usage) {
      const key = edgeKey(u.sellerTenantId, u.buyerTenantId);
      if (rated.edges.get(key)?.hasPlan || differs.has(key)) continue;
      const [seller, buyer] = await Promise.all([
        currencies.of(u.sellerTenantId),
        currencies.of(u.buyerTenantId),
      ]);
      if (seller !== buyer) differs.add(key);
    }
    return differs;
  }
}

function warning(runId: string, window: TimeRange, lines: readonly UnpricedLine[]): string {
  const named = lines
    .slice(0, NAMED_IN_LOG)
    .map(
      (l) =>
        `${l.sellerTenantId} -> ${l.buyerTenantId} ${l.meterCode} ${formatDecimal(l.quantity)} ${l.unit} (${l.reason})`,
    );
  const more = lines.length > NAMED_IN_LOG ? `, and ${lines.length - NAMED_IN_LOG} more` : '';
  return `run ${runId} ${formatRange(window)}: ${lines.length} (edge, meter) pairs with usage no plan priced, billed to nobody: ${named.join('; ')}${more}`;
}
