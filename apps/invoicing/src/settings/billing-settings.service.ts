import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Dec } from '@cascade/money';
import { failedPrecondition, invalidArgument } from '@cascade/platform';
import {
  AnchorKind,
  BillingSettingsEntity,
  BillingSettingsRow,
} from '../persistence/billing-settings.entity';
import { InvoiceEntity } from '../persistence/invoice.entity';

export interface SettingsInput {
  buyerTenantId: string;
  /** null: no tax. */
  taxRate: Dec | null;
  anchor: AnchorKind;
  anniversaryAt: Date | null;
}

/** A buyer's tax rate and billing anchor. */
@Injectable()
export class BillingSettingsService {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async get(buyerTenantId: string): Promise<BillingSettingsRow> {
    const row = await this.orm.em.fork().findOne(BillingSettingsEntity, { buyerTenantId });
    return row ?? defaults(buyerTenantId);
  }

  /**
   * The tax rate may change at any time (drafts pick it up when billed again). The
   * anchor fixes the buyer's billing periods, so it is fixed once the buyer has an
   * invoice: moving it would bill the same time twice or not at all.
   */
  async set(input: SettingsInput): Promise<BillingSettingsRow> {
    if (input.taxRate !== null && (input.taxRate.isNegative() || input.taxRate.gt(1)))
      throw invalidArgument('tax_rate', 'must be between 0 and 1 ("0.2" for 20 %)');
    if (input.anchor === 'ANNIVERSARY' && input.anniversaryAt === null)
      throw invalidArgument('anniversary_at', 'is required with BILLING_ANCHOR_ANNIVERSARY');
    const anniversaryAt = input.anchor === 'ANNIVERSARY' ? input.anniversaryAt : null;
    return this.orm.em.fork().transactional(async (em) => {
      const current =
        (await em.findOne(BillingSettingsEntity, { buyerTenantId: input.buyerTenantId })) ??
        defaults(input.buyerTenantId);
      const anchorMoves =
        current.anchor !== input.anchor ||
        (current.anniversaryAt?.getTime() ?? null) !== (anniversaryAt?.getTime() ?? null);
      if (
        anchorMoves &&
        (await em.count(InvoiceEntity, { buyerTenantId: input.buyerTenantId })) > 0
      )
        throw failedPrecondition(
          `anchor: buyer ${JSON.stringify(input.buyerTenantId)} already has invoices; its billing anchor is fixed`,
        );
      const row: BillingSettingsRow = {
        buyerTenantId: input.buyerTenantId,
        taxRate: input.taxRate === null || input.taxRate.isZero() ? null : input.taxRate,
        anchor: input.anchor,
        anniversaryAt,
        updatedAt: new Date(),
      };
      await em.upsert(BillingSettingsEntity, row);
      return row;
    });
  }
}

function defaults(buyerTenantId: string): BillingSettingsRow {
  return {
    buyerTenantId,
    taxRate: null,
    anchor: 'CALENDAR',
    anniversaryAt: null,
    updatedAt: new Date(0),
  };
}
