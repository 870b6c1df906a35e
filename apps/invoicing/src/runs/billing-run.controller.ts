import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetBillingRunRequest, ListBillingRunsRequest } from '@cascade/contracts';
import { invalidArgument, notFound, optionalInstant } from '@cascade/platform';
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
    const start = optionalInstant(req.periodStart, 'period_start');
    const end = optionalInstant(req.periodEnd, 'period_end');
    if (end && !start) throw invalidArgument('period_start', 'is required with period_end');
    if (start && !end) throw invalidArgument('period_end', 'is required with period_start');
    if (start && end && start.getTime() >= end.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    const runs = await this.runs.list(start && end ? { start, end } : undefined);
    return { runs: runs.map(billingRunToProto) };
  }
}
