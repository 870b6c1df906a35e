import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CancelSubscriptionRequest } from '@cascade/contracts';
import { requiredInstant, toTimestamp } from '@cascade/platform';
import { requireText } from '../invoices/invoice-input';
import { CancellationService } from './cancellation.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class CancellationController {
  constructor(private readonly cancellations: CancellationService) {}

  @MessagePattern(`${SERVICE}/CancelSubscription`)
  async cancel(@Payload() req: CancelSubscriptionRequest) {
    const row = await this.cancellations.cancel(
      requireText(req.sellerTenantId, 'seller_tenant_id'),
      requireText(req.buyerTenantId, 'buyer_tenant_id'),
      requiredInstant(req.effectiveAt, 'effective_at'),
    );
    return {
      sellerTenantId: row.sellerTenantId,
      buyerTenantId: row.buyerTenantId,
      effectiveAt: toTimestamp(row.effectiveAt),
      createdAt: toTimestamp(row.createdAt),
    };
  }
}
