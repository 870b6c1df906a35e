import { GetInvoiceRequest, ListInvoicesRequest } from '@cascade/contracts';
import { FieldProblems, optionalInstant, requireAfter } from '@cascade/platform';
import { optionalText, requireText } from './invoice-input';
import { pageSize, statusFilter } from './invoice-filters';
import { decodeInvoiceCursor } from './invoice-page-token';
import { ListQuery } from './invoice.service';

// Invoice requests checked field by field: one INVALID_ARGUMENT names every bad field.

/** GetInvoice: by id (`number` empty), or by number and maybe its seller. */
export function invoiceLookup(req: GetInvoiceRequest): {
  id: string;
  number: string;
  sellerTenantId: string;
} {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const number = field(() => optionalText(req.number, 'number', 200));
  const sellerTenantId = field(() => optionalText(req.sellerTenantId, 'seller_tenant_id'));
  let id = '';
  // Which of the two ways is asked for is known only from a valid number.
  if (number === '') {
    id = field(() => requireText(req.id, 'id'));
    if (sellerTenantId) problems.add('seller_tenant_id', 'is only used with number');
  } else if (number !== undefined && req.id.trim() !== '')
    problems.add('number', 'give id or number, not both');
  problems.throwIfAny();
  return { id, number, sellerTenantId };
}

/** ListInvoices; without a tenant only for a caller that acts on every tree. */
export function invoiceListQuery(req: ListInvoicesRequest, everyTree: boolean): ListQuery {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const query: ListQuery = {
    sellerTenantId: field(() => optionalText(req.sellerTenantId, 'seller_tenant_id')),
    buyerTenantId: field(() => optionalText(req.buyerTenantId, 'buyer_tenant_id')),
    from: field(() => optionalInstant(req.periodStart, 'period_start')),
    to: field(() => optionalInstant(req.periodEnd, 'period_end')),
    status: field(() => statusFilter(req.status)),
    number: field(() => optionalText(req.number, 'number', 200)),
    pageSize: field(() => pageSize(req.pageSize)),
    cursor: field(() => decodeInvoiceCursor(req.pageToken)),
  };
  problems.check(() => requireAfter(query.from, query.to, ['period_start', 'period_end']));
  if (query.sellerTenantId === '' && query.buyerTenantId === '' && !everyTree)
    problems.add(
      'seller_tenant_id',
      'seller_tenant_id or buyer_tenant_id is required with an API key',
    );
  problems.throwIfAny();
  return query;
}

/** VoidInvoice and DiscardDraftInvoice: the invoice and why. */
export function idAndReason(req: { id: string; reason: string }): { id: string; reason: string } {
  const problems = new FieldProblems();
  const field = <T>(run: () => T) => problems.check(run) as T;
  const checked = {
    id: field(() => requireText(req.id, 'id')),
    reason: field(() => requireText(req.reason, 'reason', 2000)),
  };
  problems.throwIfAny();
  return checked;
}
