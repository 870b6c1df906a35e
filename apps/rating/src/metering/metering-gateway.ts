import { Injectable } from '@nestjs/common';
import { Code, ConnectError } from '@connectrpc/connect';
import { MeterService, TenantService, UsageService } from '@cascade/contracts';
import { Dec } from '@cascade/money';
import { AppError, peerClient, peerUrl, toTimestamp } from '@cascade/platform';

export interface TenantInfo {
  id: string;
  parentId: string;
  currency: string;
}

/** Rating's only view of metering: over its public contract, never its tables. */
@Injectable()
export class MeteringGateway {
  private readonly tenants = peerClient(TenantService, { baseUrl: peerUrl('metering') });
  private readonly meters = peerClient(MeterService, { baseUrl: peerUrl('metering') });
  private readonly usage = peerClient(UsageService, { baseUrl: peerUrl('metering') });

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
