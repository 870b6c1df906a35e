import { Code } from '@connectrpc/connect';
import { MikroORM } from '@mikro-orm/core';
import { ids, month, ts } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';

const JUNE = month(2026, 6);

/** Rows written for a buyer in the tables these calls would write. */
async function rowsFor(h: Harness, buyer: string): Promise<number> {
  const connection = h.app.get(MikroORM).em.fork().getConnection();
  let count = 0;
  for (const table of ['subscription_cancellation', 'credit_balance', 'credit_entry']) {
    const rows = (await connection.execute(
      `select count(*) as n from ${table} where buyer_tenant_id = ?`,
      [buyer],
    )) as { n: string | number }[];
    count += Number(rows[0].n);
  }
  return count;
}

describeEachDatabase('Relationships that do not exist', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('refuses credits and cancellations with a seller that is not the buyer’s seller', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('seller', 'other', 'buyer'));
    h.peers.edge(t.seller, t.buyer, JUNE.start, JUNE.end, {
      billingModel: 'SUBSCRIPTION',
      fee: '10',
    });
    const message = `seller_tenant_id: "${t.other}" is not the seller of "${t.buyer}" (its seller is "${t.seller}")`;

    await expect(
      h.client.topUpCredits({
        sellerTenantId: t.other,
        buyerTenantId: t.buyer,
        amount: '5.00',
        currency: 'USD',
        idempotencyKey: 'k1',
      }),
    ).rejects.toMatchObject({ code: Code.FailedPrecondition, rawMessage: message });
    await expect(
      h.client.cancelSubscription({
        sellerTenantId: t.other,
        buyerTenantId: t.buyer,
        effectiveAt: ts(new Date('2026-06-11T00:00:00Z')),
      }),
    ).rejects.toMatchObject({ code: Code.FailedPrecondition, rawMessage: message });
    expect(await rowsFor(h, t.buyer)).toBe(0);

    // The real seller is accepted.
    await h.client.topUpCredits({
      sellerTenantId: t.seller,
      buyerTenantId: t.buyer,
      amount: '5.00',
      currency: 'USD',
      idempotencyKey: 'k1',
    });
    await h.client.cancelSubscription({
      sellerTenantId: t.seller,
      buyerTenantId: t.buyer,
      effectiveAt: ts(new Date('2026-06-11T00:00:00Z')),
    });
    expect(await rowsFor(h, t.buyer)).toBe(3);
  });

  it('refuses to cancel a buyer that has no subscription with its seller', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('seller', 'payg', 'none'));
    h.peers.edge(t.seller, t.payg, JUNE.start, JUNE.end, { billingModel: 'PAYG' });
    h.peers.edge(t.seller, t.none, JUNE.start, JUNE.end);

    for (const buyer of [t.payg, t.none]) {
      await expect(
        h.client.cancelSubscription({
          sellerTenantId: t.seller,
          buyerTenantId: buyer,
          effectiveAt: ts(new Date('2026-06-11T00:00:00Z')),
        }),
      ).rejects.toMatchObject({
        code: Code.FailedPrecondition,
        rawMessage: `buyer_tenant_id: "${buyer}" has no subscription with "${t.seller}" in force in the month of 2026-06-11: there is nothing to cancel`,
      });
      expect(await rowsFor(h, buyer)).toBe(0);
    }
  });
});
