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

/** The settings a request changes; a field left out keeps its current value. */
export interface SettingsChanges {
  buyerTenantId: string;
  /** null: no tax. */
  taxRate?: Dec | null;
  anchor?: AnchorKind;
  anniversaryAt?: Date | null;
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
  async set(input: SettingsChanges): Promise<BillingSettingsRow> {
    return this.orm.em.fork().transactional(async (em) => {
      const current =
        (await em.findOne(BillingSettingsEntity, { buyerTenantId: input.buyerTenantId })) ??
        defaults(input.buyerTenantId);
      const { anchor, anniversaryAt } = mergedAnchor(current, input);
      const anchorMoves =
        current.anchor !== anchor ||
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
        taxRate: input.taxRate === undefined ? current.taxRate : input.taxRate,
        anchor,
        anniversaryAt,
        updatedAt: new Date(),
      };
      await em.upsert(BillingSettingsEntity, row);
      return row;
    });
  }
}

/**
 * The anchor after the changes: a switch to the calendar drops the anniversary; an
 * anniversary anchor needs its first instant, and the calendar takes none.
 */
function mergedAnchor(
  current: BillingSettingsRow,
  input: SettingsChanges,
): { anchor: AnchorKind; anniversaryAt: Date | null } {
  const anchor = input.anchor ?? current.anchor;
  if (anchor === 'CALENDAR') {
    if (input.anniversaryAt)
      throw invalidArgument('anniversary_at', 'is only used with BILLING_ANCHOR_ANNIVERSARY');
    return { anchor, anniversaryAt: null };
  }
  const anniversaryAt =
    input.anniversaryAt === undefined ? current.anniversaryAt : input.anniversaryAt;
  if (anniversaryAt === null)
    throw invalidArgument('anniversary_at', 'is required with BILLING_ANCHOR_ANNIVERSARY');
  return { anchor, anniversaryAt };
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
