import { Injectable } from '@nestjs/common';
import { Code, ConnectError } from '@connectrpc/connect';
import { Timestamp, timestampDate } from '@bufbuild/protobuf/wkt';
import { GroupBy, MeterService, TenantService, UsageService } from '@cascade/contracts';
import { Dec } from '@cascade/money';
import { AppError, peerClient, peerUrl, serviceAuth, toTimestamp } from '@cascade/platform';

export interface BillingEdgePart {
  seller: string;
  buyer: string;
  from: Date;
  to: Date;
}

export interface TenantInfo {
  id: string;
  parentId: string;
  currency: string;
}

/** Rating's only view of metering: over its public contract, never its tables. */
@Injectable()
export class MeteringGateway {
  private readonly tenants = peerClient(TenantService, {
    baseUrl: peerUrl('metering'),
    auth: serviceAuth(),
  });
  private readonly meters = peerClient(MeterService, {
    baseUrl: peerUrl('metering'),
    auth: serviceAuth(),
  });
  private readonly usage = peerClient(UsageService, {
    baseUrl: peerUrl('metering'),
    auth: serviceAuth(),
  });

  async tenant(id: string): Promise<TenantInfo | undefined> {
    try {
      const t = await this.tenants.getTenant({ id });
      return { id: t.id, parentId: t.parentId, currency: t.currency };
    } catch (error) {
      if (error instanceof ConnectError && error.code === Code.NotFound) return undefined;
      throw unavailable(error);
    }
  }

  async meterCodes(): Promise<Set<string>> {
    try {
      return new Set((await this.meters.listMeters({})).meters.map((m) => m.code));
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Every billing edge in force during [from, to), page by page. */
  async *billingEdges(from: Date, to: Date): AsyncGenerator<BillingEdgePart> {
    let pageToken = '';
    do {
      const page = await this.call(() =>
        this.tenants.listBillingEdges({
          periodStart: toTimestamp(from),
          periodEnd: toTimestamp(to),
          pageSize: 1000,
          pageToken,
        }),
      );
      for (const e of page.edges) {
        yield {
          seller: e.sellerTenantId,
          buyer: e.buyerTenantId,
          from: timestampDate(e.from as Timestamp),
          to: timestampDate(e.to as Timestamp),
        };
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  /** One meter on every edge at once, keyed "seller/buyer". */
  async edgeUsage(meterCode: string, from: Date, to: Date): Promise<Map<string, Dec>> {
    const answer = await this.call(() =>
      this.usage.listEdgeUsage({ meterCode, from: toTimestamp(from), to: toTimestamp(to) }),
    );
    return new Map(
      answer.edges.map((e) => [`${e.sellerTenantId}/${e.buyerTenantId}`, new Dec(e.quantity)]),
    );
  }

  /** The edge's quantity with its contributions per child tenant and per resource. */
  async explain(sellerId: string, buyerId: string, meterCode: string, from: Date, to: Date) {
    const query = (groupBy: GroupBy) =>
      this.call(() =>
        this.usage.queryUsage({
          tenantId: buyerId,
          meterCode,
          from: toTimestamp(from),
          to: toTimestamp(to),
          includeDescendants: true,
          attributedParentId: sellerId,
          groupBy,
        }),
      );
    const [byTenant, byResource] = await Promise.all([
      query(GroupBy.CHILD_TENANT),
      query(GroupBy.RESOURCE),
    ]);
    return {
      total: byTenant.total,
      unit: byTenant.unit,
      byTenant: byTenant.groups,
      byResource: byResource.groups,
    };
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** The quantity of the edge seller → buyer: the buyer's subtree, attributed while under seller. */
  async edgeQuantity(
    sellerId: string,
    buyerId: string,
    meterCode: string,
    from: Date,
    to: Date,
  ): Promise<Dec> {
    try {
      const answer = await this.usage.queryUsage({
        tenantId: buyerId,
        meterCode,
        from: toTimestamp(from),
        to: toTimestamp(to),
        includeDescendants: true,
        attributedParentId: sellerId,
      });
      return new Dec(answer.total);
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): AppError | ConnectError {
  if (
    error instanceof ConnectError &&
    error.code !== Code.Unavailable &&
    error.code !== Code.DeadlineExceeded
  )
    return error;
  return new AppError(
    'UNAVAILABLE',
    `metering: ${error instanceof Error ? error.message : String(error)}`,
  );
}
