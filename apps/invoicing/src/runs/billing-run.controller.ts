import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetBillingRunRequest, ListBillingRunsRequest } from '@cascade/contracts';
import { FieldProblems, notFound, optionalInstant, requireAfter } from '@cascade/platform';
import { BillingRunRepository } from '../persistence/billing-run.repository';
import { requireText } from '../invoices/invoice-input';
import { billingRunToProto } from './billing-run.mapper';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: reads billing runs (RunBilling itself is on InvoiceController). */
@Controller()
export class BillingRunController {
  constructor(private readonly runs: BillingRunRepository) {}

  @MessagePattern(`${SERVICE}/GetBillingRun`)
  async get(@Payload() req: GetBillingRunRequest) {
    const id = requireText(req.id, 'id');
    const run = await this.runs.get(id);
    if (!run) throw notFound('billing run', id);
    return billingRunToProto(run);
  }

  @MessagePattern(`${SERVICE}/ListBillingRuns`)
  async list(@Payload() req: ListBillingRunsRequest) {
    const problems = new FieldProblems();
    const start = problems.check(() => optionalInstant(req.periodStart, 'period_start'));
    const end = problems.check(() => optionalInstant(req.periodEnd, 'period_end'));
    // Given, not valid: a bad period_end does not make period_start's absence a second problem.
    if (req.periodEnd && !req.periodStart)
      problems.add('period_start', 'is required with period_end');
    if (req.periodStart && !req.periodEnd)
      problems.add('period_end', 'is required with period_start');
    problems.check(() => requireAfter(start, end, ['period_start', 'period_end']));
    problems.throwIfAny();
    const runs = await this.runs.list(start && end ? { start, end } : undefined);
    return { runs: runs.map(billingRunToProto) };
  }
}
