import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetCreditBalanceRequest, TopUpCreditsRequest } from '@cascade/contracts';
import { formatMoney } from '@cascade/money';
import { requireAmount, requireCurrency, requireText } from '../invoices/invoice-input';
import { CreditBalanceView, CreditService } from './credit.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class CreditController {
  constructor(private readonly credits: CreditService) {}

  @MessagePattern(`${SERVICE}/TopUpCredits`)
  async topUp(@Payload() req: TopUpCreditsRequest) {
    const currency = requireCurrency(req.currency, 'currency');
    return balanceToProto(
      await this.credits.topUp({
        sellerTenantId: requireText(req.sellerTenantId, 'seller_tenant_id'),
        buyerTenantId: requireText(req.buyerTenantId, 'buyer_tenant_id'),
        amount: requireAmount(req.amount, 'amount', currency),
        currency,
        idempotencyKey: requireText(req.idempotencyKey, 'idempotency_key'),
      }),
    );
  }

  @MessagePattern(`${SERVICE}/GetCreditBalance`)
  async balance(@Payload() req: GetCreditBalanceRequest) {
    return balanceToProto(
      await this.credits.balance(
        requireText(req.sellerTenantId, 'seller_tenant_id'),
        requireText(req.buyerTenantId, 'buyer_tenant_id'),
      ),
    );
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
