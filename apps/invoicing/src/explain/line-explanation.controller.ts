import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ExplainInvoiceLineRequest } from '@cascade/contracts';
import { invalidArgument } from '@cascade/platform';
import { InvoiceAccess } from '../access/invoice-access';
import { requireText } from '../invoices/invoice-input';
import { explanationToProto } from './line-explanation.mapper';
import { LineExplanationService } from './line-explanation.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class LineExplanationController {
  constructor(
    private readonly explanations: LineExplanationService,
    private readonly access: InvoiceAccess,
  ) {}

  @MessagePattern(`${SERVICE}/ExplainInvoiceLine`)
  async explain(@Payload() req: ExplainInvoiceLineRequest) {
    const invoiceId = requireText(req.invoiceId, 'invoice_id');
    if (req.lineNumber === 0)
      throw invalidArgument('line_number', 'is required (lines count from 1)');
    await this.access.requireVisible(invoiceId);
    return explanationToProto(await this.explanations.explain(invoiceId, req.lineNumber));
  }
}
