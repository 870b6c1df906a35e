import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IssueCreditNoteRequest, ListCreditNotesRequest } from '@cascade/contracts';
import { CreditRequestLine } from '@cascade/invoicing-domain';
import { FieldProblems } from '@cascade/platform';
import { InvoiceAccess } from '../access/invoice-access';
import {
  optionalText,
  requireAtMost,
  requireDecimal,
  requireText,
} from '../invoices/invoice-input';
import { creditNoteToProto } from './credit-note.mapper';
import { CreditNoteService } from './credit-note.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class CreditNoteController {
  constructor(
    private readonly notes: CreditNoteService,
    private readonly access: InvoiceAccess,
  ) {}

  @MessagePattern(`${SERVICE}/IssueCreditNote`)
  async issue(@Payload() req: IssueCreditNoteRequest) {
    // Every field checked, so one answer names every bad one.
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const invoiceId = field(() => requireText(req.invoiceId, 'invoice_id'));
    const reason = field(() => requireText(req.reason, 'reason', 2000));
    const lines = (field(() => requireAtMost(req.lines, 1000, 'lines')) ?? []).map(
      (line, i): CreditRequestLine => ({
        lineNo: line.invoiceLineNumber,
        amount: line.amount.trim()
          ? field(() => requireDecimal(line.amount, `lines[${i}].amount`))
          : undefined,
        description: field(() => optionalText(line.description, `lines[${i}].description`, 2000)),
      }),
    );
    const idempotencyKey = field(() => optionalText(req.idempotencyKey, 'idempotency_key'));
    problems.throwIfAny();
    await this.access.requireSeller(invoiceId);
    const note = await this.notes.issue({
      invoiceId,
      reason,
      lines,
      creditToBalance: req.creditToBalance,
      idempotencyKey: idempotencyKey || null,
    });
    return creditNoteToProto(note);
  }

  @MessagePattern(`${SERVICE}/ListCreditNotes`)
  async list(@Payload() req: ListCreditNotesRequest) {
    const invoiceId = requireText(req.invoiceId, 'invoice_id');
    await this.access.requireVisible(invoiceId);
    const notes = await this.notes.list(invoiceId);
    return { creditNotes: notes.map(creditNoteToProto) };
  }
}
