import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetCreditBalanceRequest, TopUpCreditsRequest } from '@cascade/contracts';
import { formatMoney } from '@cascade/money';
import { FieldProblems } from '@cascade/platform';
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
    // Every field checked, so one answer names every bad one; an amount is judged in a
    // currency, so only when the currency is one.
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as NonNullable<T>;
    const sellerTenantId = field(() => requireText(req.sellerTenantId, 'seller_tenant_id'));
    const buyerTenantId = field(() => requireText(req.buyerTenantId, 'buyer_tenant_id'));
    const currency = field(() => requireCurrency(req.currency, 'currency'));
    const topUp = {
      sellerTenantId,
      buyerTenantId,
      amount: field(() => (currency ? requireAmount(req.amount, 'amount', currency) : undefined)),
      currency,
      idempotencyKey: field(() => requireText(req.idempotencyKey, 'idempotency_key')),
    };
    problems.throwIfAny();
    await this.tenants.require(sellerTenantId, buyerTenantId);
    await this.relationships.requireSellerOf(sellerTenantId, buyerTenantId);
    return balanceToProto(await this.credits.topUp(topUp));
  }

  @MessagePattern(`${SERVICE}/GetCreditBalance`)
  async balance(@Payload() req: GetCreditBalanceRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const sellerTenantId = field(() => requireText(req.sellerTenantId, 'seller_tenant_id'));
    const buyerTenantId = field(() => requireText(req.buyerTenantId, 'buyer_tenant_id'));
    problems.throwIfAny();
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
