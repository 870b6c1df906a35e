import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CancelSubscriptionRequest } from '@cascade/contracts';
import { FieldProblems, requiredInstant, toTimestamp } from '@cascade/platform';
import { requireText } from '../invoices/invoice-input';
import { KnownTenants } from '../access/known-tenants';
import { SellerRelationships } from '../access/seller-relationships';
import { CancellationService } from './cancellation.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class CancellationController {
  constructor(
    private readonly cancellations: CancellationService,
    private readonly tenants: KnownTenants,
    private readonly relationships: SellerRelationships,
  ) {}

  @MessagePattern(`${SERVICE}/CancelSubscription`)
  async cancel(@Payload() req: CancelSubscriptionRequest) {
    // Every field checked, so one answer names every bad one.
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const sellerTenantId = field(() => requireText(req.sellerTenantId, 'seller_tenant_id'));
    const buyerTenantId = field(() => requireText(req.buyerTenantId, 'buyer_tenant_id'));
    const effectiveAt = field(() => requiredInstant(req.effectiveAt, 'effective_at'));
    problems.throwIfAny();
    await this.tenants.require(sellerTenantId, buyerTenantId);
    await this.relationships.requireSubscription(sellerTenantId, buyerTenantId, effectiveAt);
    const row = await this.cancellations.cancel(sellerTenantId, buyerTenantId, effectiveAt);
    return {
      sellerTenantId: row.sellerTenantId,
      buyerTenantId: row.buyerTenantId,
      effectiveAt: toTimestamp(row.effectiveAt),
      createdAt: toTimestamp(row.createdAt),
    };
  }
}
