import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import {
  SubscriptionCancellationEntity,
  SubscriptionCancellationRow,
} from '../persistence/subscription-cancellation.entity';

/**
 * How a subscription ends: a cancellation of the (seller, buyer) subscription from an
 * instant on. No fee is billed for time after it (the fee billed in advance is
 * prorated back as "Unused time"); usage recorded afterwards is still billed in
 * arrears while the buyer stays under the seller with a plan, so every unit used is
 * paid for at every tier. Cancelling again moves the instant.
 */
@Injectable()
export class CancellationService {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async cancel(
    sellerTenantId: string,
    buyerTenantId: string,
    effectiveAt: Date,
  ): Promise<SubscriptionCancellationRow> {
    const row: SubscriptionCancellationRow = {
      sellerTenantId,
      buyerTenantId,
      effectiveAt,
      createdAt: new Date(),
    };
    // In a transaction, which carries the call's audit event.
    await this.orm.em.fork().transactional((em) => em.upsert(SubscriptionCancellationEntity, row));
    return row;
  }
}
