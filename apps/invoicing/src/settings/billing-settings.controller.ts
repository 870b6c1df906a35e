import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BillingAnchor,
  GetBillingSettingsRequest,
  SetBillingSettingsRequest,
} from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { optionalInstant, toTimestamp } from '@cascade/platform';
import { BillingSettingsRow } from '../persistence/billing-settings.entity';
import { requireDecimal, requireText } from '../invoices/invoice-input';
import { BillingSettingsService } from './billing-settings.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class BillingSettingsController {
  constructor(private readonly settings: BillingSettingsService) {}

  @MessagePattern(`${SERVICE}/SetBillingSettings`)
  async set(@Payload() req: SetBillingSettingsRequest) {
    const row = await this.settings.set({
      buyerTenantId: requireText(req.buyerTenantId, 'buyer_tenant_id'),
      taxRate: req.taxRate.trim() === '' ? null : requireDecimal(req.taxRate, 'tax_rate'),
      anchor: req.anchor === BillingAnchor.ANNIVERSARY ? 'ANNIVERSARY' : 'CALENDAR',
      anniversaryAt: optionalInstant(req.anniversaryAt, 'anniversary_at') ?? null,
    });
    return settingsToProto(row);
  }

  @MessagePattern(`${SERVICE}/GetBillingSettings`)
  async get(@Payload() req: GetBillingSettingsRequest) {
    return settingsToProto(
      await this.settings.get(requireText(req.buyerTenantId, 'buyer_tenant_id')),
    );
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
