import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetCreditBalanceRequest, TopUpCreditsRequest } from '@cascade/contracts';
import { formatMoney } from '@cascade/money';
import { requireAmount, requireCurrency, requireText } from '../invoices/invoice-input';
import { KnownTenants } from '../access/known-tenants';
import { SellerRelationships } from '../access/seller-relationships';
import { CreditBalanceView, CreditService } from './credit.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class CreditController {
  constructor(
    private readonly credits: CreditService,
    private readonly tenants: KnownTenants,
    private readonly relationships: SellerRelationships,
  ) {}

  @MessagePattern(`${SERVICE}/TopUpCredits`)
  async topUp(@Payload() req: TopUpCreditsRequest) {
    const sellerTenantId = requireText(req.sellerTenantId, 'seller_tenant_id');
    const buyerTenantId = requireText(req.buyerTenantId, 'buyer_tenant_id');
    const currency = requireCurrency(req.currency, 'currency');
    const topUp = {
      sellerTenantId,
      buyerTenantId,
      amount: requireAmount(req.amount, 'amount', currency),
      currency,
      idempotencyKey: requireText(req.idempotencyKey, 'idempotency_key'),
    };
    await this.tenants.require(sellerTenantId, buyerTenantId);
    await this.relationships.requireSellerOf(sellerTenantId, buyerTenantId);
    return balanceToProto(await this.credits.topUp(topUp));
  }

  @MessagePattern(`${SERVICE}/GetCreditBalance`)
  async balance(@Payload() req: GetCreditBalanceRequest) {
    const sellerTenantId = requireText(req.sellerTenantId, 'seller_tenant_id');
    const buyerTenantId = requireText(req.buyerTenantId, 'buyer_tenant_id');
    await this.tenants.require(sellerTenantId, buyerTenantId);
    return balanceToProto(await this.credits.balance(sellerTenantId, buyerTenantId));
  }
}

function balanceToProto(view: CreditBalanceView) {
  return {
    sellerTenantId: view.sellerTenantId,
    buyerTenantId: view.buyerTenantId,
    currency: view.currency,
    balance: view.currency ? formatMoney(view.balance, view.currency) : '0',
  };
}
