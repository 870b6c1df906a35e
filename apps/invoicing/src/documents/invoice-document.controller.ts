import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DocumentFormat, GetInvoiceDocumentRequest } from '@cascade/contracts';
import { FieldProblems, invalidArgument } from '@cascade/platform';
import { InvoiceAccess } from '../access/invoice-access';
import { requireText } from '../invoices/invoice-input';
import { DocumentKind, InvoiceDocumentService } from './invoice-document.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class InvoiceDocumentController {
  constructor(
    private readonly documents: InvoiceDocumentService,
    private readonly access: InvoiceAccess,
  ) {}

  @MessagePattern(`${SERVICE}/GetInvoiceDocument`)
  async document(@Payload() req: GetInvoiceDocumentRequest) {
    const problems = new FieldProblems();
    const id = problems.check(() => requireText(req.id, 'id')) as string;
    const kind = problems.check(() => documentKind(req.format)) as DocumentKind;
    problems.throwIfAny();
    await this.access.requireVisible(id);
    return this.documents.render(id, kind, req.transparencyAppendix);
  }
}

function documentKind(format: DocumentFormat): DocumentKind {
  switch (format) {
    case DocumentFormat.PDF:
      return 'PDF';
    case DocumentFormat.HTML:
      return 'HTML';
    case DocumentFormat.CSV:
      return 'CSV';
    case DocumentFormat.UNSPECIFIED:
      throw invalidArgument('format', 'is required: DOCUMENT_FORMAT_PDF, _HTML or _CSV');
    default:
      throw invalidArgument('format', `unknown value ${format as number}`);
  }
}
