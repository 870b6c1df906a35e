import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListUnpricedUsageRequest } from '@cascade/contracts';
import { FieldProblems, requiredPeriod } from '@cascade/platform';
import { KnownTenants } from '../access/known-tenants';
import { optionalText } from '../invoices/invoice-input';
import { UnpricedUsageRepository } from '../persistence/unpriced-usage.repository';
import { unpricedUsageToProto } from './unpriced-usage.mapper';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, reads what the runs kept. */
@Controller()
export class UnpricedUsageController {
  constructor(
    private readonly unpriced: UnpricedUsageRepository,
    private readonly tenants: KnownTenants,
  ) {}

  /** As the margin report: the periods ending in (period_start, period_end]. */
  @MessagePattern(`${SERVICE}/ListUnpricedUsage`)
  async list(@Payload() req: ListUnpricedUsageRequest) {
    const problems = new FieldProblems();
    const tenantId = problems.check(() => optionalText(req.tenantId, 'tenant_id')) as string;
    const { start, end } = requiredPeriod(req, problems);
    problems.throwIfAny();
    await this.tenants.require(tenantId);
    const rows = await this.unpriced.list(tenantId, { start, end });
    return { usage: rows.map(unpricedUsageToProto) };
  }
}
