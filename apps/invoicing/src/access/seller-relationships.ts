import { Injectable } from '@nestjs/common';
import { formatInstant, periodContaining } from '@cascade/invoicing-domain';
import { failedPrecondition } from '@cascade/platform';
import { RatingGateway } from '../billing/rating.gateway';
import { TenantGateway } from '../billing/tenant.gateway';

/**
 * Calls that name a seller and a buyer act on a relationship that must exist: credits
 * are held with the buyer's own seller, and only a subscription can be cancelled.
 * Anything else is FAILED_PRECONDITION and writes nothing, rather than a row that
 * waits to take effect should the buyer ever move there.
 */
@Injectable()
export class SellerRelationships {
  constructor(
    private readonly tenants: TenantGateway,
    private readonly rating: RatingGateway,
  ) {}

  /** The seller is the buyer's parent now. */
  async requireSellerOf(sellerTenantId: string, buyerTenantId: string): Promise<void> {
    const parent = await this.tenants.parentOf(buyerTenantId);
    if (parent !== sellerTenantId)
      throw failedPrecondition(
        `seller_tenant_id: ${JSON.stringify(sellerTenantId)} is not the seller of ${JSON.stringify(buyerTenantId)} (its seller is ${parent ? JSON.stringify(parent) : 'nobody: it is a root'})`,
      );
  }

  /**
   * The seller is the buyer's seller, and a SUBSCRIPTION plan of it is in force for the
   * buyer during the calendar month of `at` (a plan that ended before needs no end).
   */
  async requireSubscription(
    sellerTenantId: string,
    buyerTenantId: string,
    at: Date,
  ): Promise<void> {
    await this.requireSellerOf(sellerTenantId, buyerTenantId);
    const month = periodContaining(at, 'MONTHLY', { kind: 'CALENDAR' });
    const rated = await this.rating.rate({ sellerTenantId, buyerTenantId, part: month });
    if (!rated.spans.some((span) => span.billingModel === 'SUBSCRIPTION'))
      throw failedPrecondition(
        `buyer_tenant_id: ${JSON.stringify(buyerTenantId)} has no subscription with ${JSON.stringify(sellerTenantId)} in force in the month of ${formatInstant(at)}: there is nothing to cancel`,
      );
  }
}
