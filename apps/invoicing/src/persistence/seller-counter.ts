import { EntityManager, EntitySchema } from '@mikro-orm/core';
import { run } from './sql';

/** The last invoice number a seller issued; one row per seller. */
export interface SellerCounterRow {
  sellerTenantId: string;
  lastNumber: string;
}

export const SellerCounterEntity = new EntitySchema<SellerCounterRow>({
  name: 'SellerCounterRow',
  tableName: 'seller_counter',
  properties: {
    sellerTenantId: { type: 'string', primary: true, fieldName: 'seller_tenant_id' },
    lastNumber: { type: 'bigint', fieldName: 'last_number' },
  },
});

/**
 * Takes the seller's next invoice (or credit note) number inside the caller's transaction.
 *
 * The UPDATE locks the seller's row until commit (PostgreSQL; SQLite has one
 * writer anyway), so concurrent finalizes of one seller queue here and each sees
 * the previous one's increment; a rollback undoes the increment, so no gap. Sellers
 * do not block each other. The INSERT creates the row on first use; racing first
 * uses are settled by the primary key (ON CONFLICT DO NOTHING waits for the winner).
 * The UPDATE comes first: once the row exists (every finalize but a seller's first),
 * one statement takes the number.
 */
export async function nextInvoiceSequence(
  em: EntityManager,
  sellerTenantId: string,
  counter: 'seller_counter' | 'credit_note_counter' = 'seller_counter',
): Promise<bigint> {
  const take = () =>
    run<{ last_number: string | number }[]>(
      em,
      `update ${counter} set last_number = last_number + 1 where seller_tenant_id = ? returning last_number`,
      [sellerTenantId],
    );
  let rows = await take();
  if (rows.length === 0) {
    await run(
      em,
      `insert into ${counter} (seller_tenant_id, last_number) values (?, 0) on conflict (seller_tenant_id) do nothing`,
      [sellerTenantId],
    );
    rows = await take();
  }
  if (rows.length !== 1)
    throw new Error(`seller counter for ${sellerTenantId} not found after insert`);
  return BigInt(String(rows[0].last_number));
}
