import { MessageInitShape } from '@bufbuild/protobuf';
import { InvoiceLineExplanationSchema, RelatedLineSchema } from '@cascade/contracts';
import { invoiceToProto, lineToProto } from '../invoices/invoice.mapper';
import { LineExplanation, RelatedInvoiceLine } from './line-explanation.service';

export function explanationToProto(
  e: LineExplanation,
): MessageInitShape<typeof InvoiceLineExplanationSchema> {
  const currency = e.invoice.invoice.currency;
  return {
    invoice: invoiceToProto(e.invoice),
    line: lineToProto(e.line, currency),
    quantity: e.explained.quantity,
    unit: e.explained.unit || e.line.unit,
    byTenant: e.explained.byTenant.map((c) => ({
      key: c.key,
      quantity: c.quantity,
      name: e.names.get(c.key) ?? '',
    })),
    byResource: e.explained.byResource.map((c) => ({ key: c.key, quantity: c.quantity, name: '' })),
    cost: e.cost.map(relatedToProto),
    resale: e.resale.map(relatedToProto),
  };
}

function relatedToProto(r: RelatedInvoiceLine): MessageInitShape<typeof RelatedLineSchema> {
  const { invoice } = r.invoice;
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number ?? '',
    sellerTenantId: invoice.sellerTenantId,
    buyerTenantId: invoice.buyerTenantId,
    line: lineToProto(r.line, invoice.currency),
  };
}
