import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ExplainInvoiceLineRequest } from '@cascade/contracts';
import { FieldProblems } from '@cascade/platform';
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
    const problems = new FieldProblems();
    const invoiceId = problems.check(() => requireText(req.invoiceId, 'invoice_id')) as string;
    if (req.lineNumber === 0) problems.add('line_number', 'is required (lines count from 1)');
    problems.throwIfAny();
    await this.access.requireVisible(invoiceId);
    return explanationToProto(await this.explanations.explain(invoiceId, req.lineNumber));
  }
}
