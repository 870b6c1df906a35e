import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Dec, ZERO } from '@cascade/money';
import { failedPrecondition } from '@cascade/platform';
import {
  addToBalance,
  appendCreditEntry,
  entryByKey,
  readBalance,
} from '../persistence/credit-ledger';

export interface TopUp {
  sellerTenantId: string;
  buyerTenantId: string;
  amount: Dec;
  currency: string;
  idempotencyKey: string;
}

export interface CreditBalanceView {
  sellerTenantId: string;
  buyerTenantId: string;
  currency: string;
  balance: Dec;
}

/** Prepaid credits: a buyer's balance with its seller, drawn first when invoices finalize. */
@Injectable()
export class CreditService {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  /**
   * Adds credits once per idempotency key: a retry of the same top-up gets the
   * balance as that top-up left it, and adds nothing; the same key for another amount
   * or currency is refused. The entry and the balance move in one transaction.
   */
  async topUp(input: TopUp): Promise<CreditBalanceView> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.orm.em.fork().transactional(async (em) => {
          const replay = await this.replayed(em, input);
          if (replay) return replay;
          const current = await readBalance(em, input.sellerTenantId, input.buyerTenantId);
          if (current && current.currency !== input.currency)
            throw failedPrecondition(
              `currency: the buyer's credits with this seller are in ${current.currency}, not ${input.currency}`,
            );
          const at = new Date();
          const balance = await addToBalance(em, input, input.amount, at);
          await appendCreditEntry(
            em,
            {
              ...input,
              kind: 'TOPUP',
              amount: input.amount,
              balanceAfter: balance,
              idempotencyKey: input.idempotencyKey,
            },
            at,
          );
          return { ...input, balance };
        });
      } catch (error) {
        // Two retries of one top-up racing: the loser finds the winner's entry.
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 2) throw error;
      }
    }
  }

  async balance(sellerTenantId: string, buyerTenantId: string): Promise<CreditBalanceView> {
    const found = await readBalance(this.orm.em.fork(), sellerTenantId, buyerTenantId);
    return {
      sellerTenantId,
      buyerTenantId,
      currency: found?.currency ?? '',
      balance: found?.balance ?? ZERO,
    };
  }

  private async replayed(
    em: Parameters<typeof readBalance>[0],
    input: TopUp,
  ): Promise<CreditBalanceView | null> {
    const entry = await entryByKey(
      em,
      input.sellerTenantId,
      input.buyerTenantId,
      input.idempotencyKey,
    );
    if (!entry) return null;
    if (
      entry.kind !== 'TOPUP' ||
      entry.currency !== input.currency ||
      !entry.amount.eq(input.amount)
    )
      throw failedPrecondition(
        `idempotency_key: ${JSON.stringify(input.idempotencyKey)} was used for a top-up of ${entry.amount.toFixed()} ${entry.currency}`,
      );
    return { ...input, balance: entry.balanceAfter };
  }
}
