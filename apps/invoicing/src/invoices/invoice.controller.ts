import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  DiscardDraftInvoiceRequest,
  FinalizeInvoiceRequest,
  GetInvoiceRequest,
  ListInvoicesRequest,
  MarkInvoicePaidRequest,
  RunBillingRequest,
  VoidInvoiceRequest,
  WatchInvoicesRequest,
} from '@cascade/contracts';
import {
  ConnectRpcContext,
  optionalInstant,
  requiredInstant,
  requirePrincipal,
} from '@cascade/platform';
import { InvoiceAccess } from '../access/invoice-access';
import { KnownTenants } from '../access/known-tenants';
import { BillingRunService } from '../billing/billing-run.service';
import { billingRunToProto } from '../runs/billing-run.mapper';
import { startedBy } from '../runs/started-by';
import { optionalText, requireText } from './invoice-input';
import { eventToProto, invoiceToProto } from './invoice.mapper';
import { InvoiceService } from './invoice.service';
import { InvoiceWatchService } from './invoice-watch.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class InvoiceController {
  constructor(
    private readonly billing: BillingRunService,
    private readonly invoices: InvoiceService,
    private readonly watcher: InvoiceWatchService,
    private readonly access: InvoiceAccess,
    private readonly tenants: KnownTenants,
  ) {}

  @MessagePattern(`${SERVICE}/RunBilling`)
  async runBilling(@Payload() req: RunBillingRequest) {
    const window = {
      start: requiredInstant(req.periodStart, 'period_start'),
      end: requiredInstant(req.periodEnd, 'period_end'),
    };
    const outcome = await this.billing.run(window, {
      preview: req.preview,
      startedBy: startedBy(requirePrincipal()),
    });
    return {
      invoiceIds: outcome.invoiceIds,
      runId: outcome.run.id,
      run: billingRunToProto(outcome.run),
    };
  }

  @MessagePattern(`${SERVICE}/GetInvoice`)
  async get(@Payload() req: GetInvoiceRequest) {
    const id = requireText(req.id, 'id');
    await this.access.requireVisible(id);
    return invoiceToProto(await this.invoices.get(id));
  }

  @MessagePattern(`${SERVICE}/ListInvoices`)
  async list(@Payload() req: ListInvoicesRequest) {
    const query = {
      sellerTenantId: optionalText(req.sellerTenantId, 'seller_tenant_id'),
      buyerTenantId: optionalText(req.buyerTenantId, 'buyer_tenant_id'),
      from: optionalInstant(req.periodStart, 'period_start'),
      to: optionalInstant(req.periodEnd, 'period_end'),
    };
    await this.tenants.require(query.sellerTenantId, query.buyerTenantId);
    const invoices = await this.invoices.list(query);
    return { invoices: invoices.map(invoiceToProto) };
  }

  @MessagePattern(`${SERVICE}/FinalizeInvoice`)
  async finalize(@Payload() req: FinalizeInvoiceRequest) {
    const id = requireText(req.id, 'id');
    await this.access.requireSeller(id);
    return invoiceToProto(await this.invoices.finalize(id));
  }

  @MessagePattern(`${SERVICE}/VoidInvoice`)
  async void(@Payload() req: VoidInvoiceRequest) {
    const id = requireText(req.id, 'id');
    const reason = requireText(req.reason, 'reason', 2000);
    await this.access.requireSeller(id);
    return invoiceToProto(await this.invoices.void(id, reason));
  }

  @MessagePattern(`${SERVICE}/DiscardDraftInvoice`)
  async discard(@Payload() req: DiscardDraftInvoiceRequest) {
    const id = requireText(req.id, 'id');
    const reason = requireText(req.reason, 'reason', 2000);
    await this.access.requireSeller(id);
    return invoiceToProto(await this.invoices.discard(id, reason));
  }

  @MessagePattern(`${SERVICE}/MarkInvoicePaid`)
  async markPaid(@Payload() req: MarkInvoicePaidRequest) {
    const id = requireText(req.id, 'id');
    await this.access.requireSeller(id);
    return invoiceToProto(await this.invoices.markPaid(id));
  }

  /** Streams until the client goes away (the call's abort signal) or the service stops. */
  @MessagePattern(`${SERVICE}/WatchInvoices`)
  async *watch(@Payload() req: WatchInvoicesRequest, @Ctx() ctx: ConnectRpcContext) {
    const sellerTenantId = optionalText(req.sellerTenantId, 'seller_tenant_id');
    await this.tenants.require(sellerTenantId);
    const events = this.watcher.watch(req.afterSequence, sellerTenantId, ctx.call.signal);
    for await (const event of events) yield eventToProto(event);
  }
}
