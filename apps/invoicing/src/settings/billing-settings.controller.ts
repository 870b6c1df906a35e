import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BillingAnchor,
  GetBillingSettingsRequest,
  SetBillingSettingsRequest,
} from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { KnownTenants } from '../access/known-tenants';
import { BillingSettingsRow } from '../persistence/billing-settings.entity';
import { requireText } from '../invoices/invoice-input';
import { settingsChanges } from './billing-settings.input';
import { BillingSettingsService } from './billing-settings.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class BillingSettingsController {
  constructor(
    private readonly settings: BillingSettingsService,
    private readonly tenants: KnownTenants,
  ) {}

  @MessagePattern(`${SERVICE}/SetBillingSettings`)
  async set(@Payload() req: SetBillingSettingsRequest) {
    const input = settingsChanges(req);
    await this.tenants.require(input.buyerTenantId);
    return settingsToProto(await this.settings.set(input));
  }

  @MessagePattern(`${SERVICE}/GetBillingSettings`)
  async get(@Payload() req: GetBillingSettingsRequest) {
    const buyerTenantId = requireText(req.buyerTenantId, 'buyer_tenant_id');
    await this.tenants.require(buyerTenantId);
    return settingsToProto(await this.settings.get(buyerTenantId));
  }
}

function settingsToProto(row: BillingSettingsRow) {
  return {
    buyerTenantId: row.buyerTenantId,
    taxRate: row.taxRate ? formatDecimal(row.taxRate) : '0',
    anchor: row.anchor === 'ANNIVERSARY' ? BillingAnchor.ANNIVERSARY : BillingAnchor.CALENDAR,
    anniversaryAt: row.anniversaryAt ? toTimestamp(row.anniversaryAt) : undefined,
    updatedAt: row.updatedAt.getTime() > 0 ? toTimestamp(row.updatedAt) : undefined,
  };
}
