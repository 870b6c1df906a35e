import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BillingAnchor,
  GetBillingSettingsRequest,
  SetBillingSettingsRequest,
} from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import { invalidArgument, optionalInstant, toTimestamp } from '@cascade/platform';
import { KnownTenants } from '../access/known-tenants';
import { AnchorKind, BillingSettingsRow } from '../persistence/billing-settings.entity';
import { requireDecimal, requireText } from '../invoices/invoice-input';
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
    const input = {
      buyerTenantId: requireText(req.buyerTenantId, 'buyer_tenant_id'),
      taxRate: req.taxRate.trim() === '' ? null : requireDecimal(req.taxRate, 'tax_rate'),
      anchor: anchorFromProto(req.anchor),
      anniversaryAt: optionalInstant(req.anniversaryAt, 'anniversary_at') ?? null,
    };
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

/** Unset is the calendar, as before anchors existed; an unknown value is refused. */
function anchorFromProto(anchor: BillingAnchor): AnchorKind {
  if (anchor === BillingAnchor.ANNIVERSARY) return 'ANNIVERSARY';
  if (anchor === BillingAnchor.CALENDAR || anchor === BillingAnchor.UNSPECIFIED) return 'CALENDAR';
  throw invalidArgument('anchor', 'must be BILLING_ANCHOR_CALENDAR or BILLING_ANCHOR_ANNIVERSARY');
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
