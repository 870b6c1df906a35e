import { Code, ConnectError } from '@connectrpc/connect';
import type {
  InvoiceLine,
  InvoiceLineExplanation,
  LineContribution,
  RelatedLine,
} from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';

export interface Explanation {
  invoiceId: string;
  buyerTenantId: string;
  currency: string;
  line: InvoiceLine;
  quantity: string;
  unit: string;
  byTenant: Pick<LineContribution, 'key' | 'quantity' | 'name'>[];
  byResource: Pick<LineContribution, 'key' | 'quantity' | 'name'>[];
  /** The same quantity on the cost and resale invoices; undefined where the server cannot say yet. */
  sideBySide?: { cost: RelatedLine[]; resale: RelatedLine[] };
}

function fromInvoiceExplanation(e: InvoiceLineExplanation): Explanation {
  return {
    invoiceId: e.invoice?.id ?? '',
    buyerTenantId: e.invoice?.buyerTenantId ?? '',
    currency: e.invoice?.currency ?? '',
    line: e.line as InvoiceLine,
    quantity: e.quantity,
    unit: e.unit,
    byTenant: e.byTenant,
    byResource: e.byResource,
    sideBySide: { cost: e.cost, resale: e.resale },
  };
}

/**
 * An invoice line down to the tenants and resources behind its quantity: by
 * ExplainInvoiceLine (with the cost and resale side by side) or, on a server
 * without it, by rating's ExplainLine for the same edge, meter and span.
 */
export function useExplanation(invoiceId: string, lineNumber: number) {
  return useCall(
    async (signal): Promise<Explanation> => {
      try {
        return fromInvoiceExplanation(
          await clients.invoices.explainInvoiceLine({ invoiceId, lineNumber }, { signal }),
        );
      } catch (error) {
        if (ConnectError.from(error).code !== Code.Unimplemented) throw error;
      }
      const invoice = await clients.invoices.getInvoice({ id: invoiceId }, { signal });
      const line = invoice.lines.find((l, i) => (l.lineNumber || i + 1) === lineNumber);
      if (!line || !line.meterCode) {
        throw new ConnectError(
          `line_number: invoice has no usage line ${lineNumber}`,
          Code.NotFound,
        );
      }
      const rated = await clients.rating.explainLine(
        {
          buyerTenantId: invoice.buyerTenantId,
          sellerTenantId: invoice.sellerTenantId,
          meterCode: line.meterCode,
          from: line.from ?? invoice.periodStart,
          to: line.to ?? invoice.periodEnd,
        },
        { signal },
      );
      const named = (c: { key: string; quantity: string }) => ({ ...c, name: '' });
      return {
        invoiceId,
        buyerTenantId: invoice.buyerTenantId,
        currency: invoice.currency,
        line,
        quantity: rated.quantity,
        unit: rated.unit,
        byTenant: rated.byTenant.map(named),
        byResource: rated.byResource.map(named),
      };
    },
    [invoiceId, lineNumber],
  );
}
