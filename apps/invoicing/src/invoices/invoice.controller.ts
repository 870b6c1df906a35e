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
  actsOnEveryTree,
  ConnectRpcContext,
  FieldProblems,
  invalidArgument,
  notFound,
  requirePrincipal,
} from '@cascade/platform';
import { InvoiceAccess } from '../access/invoice-access';
import { KnownTenants } from '../access/known-tenants';
import { BillingRunService } from '../billing/billing-run.service';
import { billingRunToProto } from '../runs/billing-run.mapper';
import { startedBy } from '../runs/started-by';
import { requestedBillingWindow } from '../billing/billing-window-rule';
import { optionalText, requireText } from './invoice-input';
import { idAndReason, invoiceListQuery, invoiceLookup } from './invoice-requests';
import { eventToProto, invoiceToProto } from './invoice.mapper';
import { InvoiceService } from './invoice.service';
import { InvoiceWatchService, requireWatchableSequence } from './invoice-watch.service';

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
    const outcome = await this.billing.run(requestedBillingWindow(req), {
      preview: req.preview,
      startedBy: startedBy(requirePrincipal()),
    });
    return {
      invoiceIds: outcome.invoiceIds,
      runId: outcome.run.id,
      run: billingRunToProto(outcome.run),
    };
  }

  /** By id, or by the number as printed (with the seller when two sellers share it). */
  @MessagePattern(`${SERVICE}/GetInvoice`)
  async get(@Payload() req: GetInvoiceRequest) {
    const by = invoiceLookup(req);
    if (by.id) {
      await this.access.requireVisible(by.id);
      return invoiceToProto(await this.invoices.get(by.id));
    }
    await this.tenants.require(by.sellerTenantId);
    const ids = await this.access.visibleAmong(
      await this.invoices.idsByNumber(by.number, by.sellerTenantId),
    );
    if (ids.length === 0) throw notFound('invoice', by.number);
    if (ids.length > 1)
      throw invalidArgument(
        'seller_tenant_id',
        `invoice number ${JSON.stringify(by.number)} is used by ${ids.length} sellers: name the seller`,
      );
    return invoiceToProto(await this.invoices.get(ids[0]));
  }

  /** Naming neither seller nor buyer lists every invoice: the operator's (and services') only. */
  @MessagePattern(`${SERVICE}/ListInvoices`)
  async list(@Payload() req: ListInvoicesRequest) {
    const query = invoiceListQuery(req, actsOnEveryTree(requirePrincipal()));
    await this.tenants.require(query.sellerTenantId, query.buyerTenantId);
    const page = await this.invoices.list(query);
    return { invoices: page.invoices.map(invoiceToProto), nextPageToken: page.nextPageToken };
  }

  @MessagePattern(`${SERVICE}/FinalizeInvoice`)
  async finalize(@Payload() req: FinalizeInvoiceRequest) {
    const id = requireText(req.id, 'id');
    await this.access.requireSeller(id);
    return invoiceToProto(await this.invoices.finalize(id));
  }

  @MessagePattern(`${SERVICE}/VoidInvoice`)
  async void(@Payload() req: VoidInvoiceRequest) {
    const { id, reason } = idAndReason(req);
    await this.access.requireSeller(id);
    return invoiceToProto(await this.invoices.void(id, reason));
  }

  @MessagePattern(`${SERVICE}/DiscardDraftInvoice`)
  async discard(@Payload() req: DiscardDraftInvoiceRequest) {
    const { id, reason } = idAndReason(req);
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
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const afterSequence = field(() => requireWatchableSequence(req.afterSequence));
    const parties = {
      sellerTenantId: field(() => optionalText(req.sellerTenantId, 'seller_tenant_id')),
      buyerTenantId: field(() => optionalText(req.buyerTenantId, 'buyer_tenant_id')),
    };
    problems.throwIfAny();
    await this.tenants.require(parties.sellerTenantId, parties.buyerTenantId);
    const events = this.watcher.watch(afterSequence, parties, ctx.call.signal);
    for await (const event of events) yield eventToProto(event);
  }
}
