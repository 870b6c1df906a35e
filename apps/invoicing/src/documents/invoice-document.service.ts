import { Injectable } from '@nestjs/common';
import {
  fileStem,
  InvoiceDocumentInput,
  renderInvoiceCsv,
  renderInvoiceHtml,
  renderInvoicePdf,
} from '@cascade/invoice-documents';
import { InvoiceService } from '../invoices/invoice.service';
import { DocumentExplanations } from './document-explanations';
import { toDocumentInvoice } from './document-input.mapper';
import { DocumentParties } from './document-parties';

export type DocumentKind = 'PDF' | 'HTML' | 'CSV';

export interface RenderedDocument {
  content: Buffer;
  contentType: string;
  fileName: string;
}

/** Gathers an invoice, its parties and (when asked) its explanations, and renders them. */
@Injectable()
export class InvoiceDocumentService {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly parties: DocumentParties,
    private readonly explanations: DocumentExplanations,
  ) {}

  async render(id: string, kind: DocumentKind, appendix: boolean): Promise<RenderedDocument> {
    const stored = await this.invoices.get(id);
    const invoice = toDocumentInvoice(stored);
    const stem = fileStem(invoice);
    if (kind === 'CSV')
      return {
        content: renderInvoiceCsv(invoice),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${stem}.csv`,
      };
    const { sellerTenantId, buyerTenantId } = stored.invoice;
    const seller = await this.parties.seller(sellerTenantId);
    const input: InvoiceDocumentInput = {
      invoice,
      seller: seller.party,
      buyer: await this.parties.party(buyerTenantId),
      brand: seller.brand,
      explanations: appendix
        ? await this.explanations.explain(invoice, sellerTenantId, buyerTenantId)
        : undefined,
    };
    if (kind === 'HTML')
      return {
        content: renderInvoiceHtml(input),
        contentType: 'text/html; charset=utf-8',
        fileName: `${stem}.html`,
      };
    return {
      content: await renderInvoicePdf(input),
      contentType: 'application/pdf',
      fileName: `${stem}.pdf`,
    };
  }
}
