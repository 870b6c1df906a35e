import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListUnpricedUsageRequest } from '@cascade/contracts';
import { invalidArgument, requiredInstant } from '@cascade/platform';
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
    const tenantId = optionalText(req.tenantId, 'tenant_id');
    const start = requiredInstant(req.periodStart, 'period_start');
    const end = requiredInstant(req.periodEnd, 'period_end');
    if (start.getTime() >= end.getTime())
      throw invalidArgument('period_end', 'must be after period_start');
    await this.tenants.require(tenantId);
    const rows = await this.unpriced.list(tenantId, { start, end });
    return { usage: rows.map(unpricedUsageToProto) };
  }
}
