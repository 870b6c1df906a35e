import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Dec, minorUnits } from '@cascade/money';
import { isPostgres, run } from './sql';

/**
 * Prepaid credits a buyer holds with its seller: one balance row per (seller, buyer)
 * and an append-only entry per movement. Amounts are integers in the currency's minor
 * units at rest, so the database itself compares and subtracts them exactly.
 */
/** INVOICE_CREDIT: a finalized invoice's negative amount due, owed back to the buyer. */
export type CreditEntryKind = 'TOPUP' | 'DRAW' | 'CREDIT_NOTE' | 'INVOICE_CREDIT';

export interface Balance {
  currency: string;
  balance: Dec;
}

export function toMinor(amount: Dec, currency: string): string {
  return amount.times(new Dec(10).pow(minorUnits(currency))).toFixed(0);
}

export function fromMinor(minor: string | number, currency: string): Dec {
  return new Dec(String(minor)).div(new Dec(10).pow(minorUnits(currency)));
}

export async function readBalance(
  em: EntityManager,
  sellerTenantId: string,
  buyerTenantId: string,
  forUpdate = false,
): Promise<Balance | null> {
  const lock = forUpdate && isPostgres(em) ? ' for update' : '';
  const rows = await run<{ currency: string; balance_minor: string }[]>(
    em,
    `select currency, cast(balance_minor as text) as balance_minor from credit_balance
     where seller_tenant_id = ? and buyer_tenant_id = ?${lock}`,
    [sellerTenantId, buyerTenantId],
  );
  const row = rows[0];
  return row
    ? { currency: row.currency, balance: fromMinor(row.balance_minor, row.currency) }
    : null;
}

/** Adds to the balance (creating it), returns the balance after; same transaction as the entry. */
export async function addToBalance(
  em: EntityManager,
  key: { sellerTenantId: string; buyerTenantId: string; currency: string },
  amount: Dec,
  at: Date,
): Promise<Dec> {
  const rows = await run<{ balance_minor: string }[]>(
    em,
    `insert into credit_balance (seller_tenant_id, buyer_tenant_id, currency, balance_minor, updated_at)
     values (?, ?, ?, ?, ?)
     on conflict (seller_tenant_id, buyer_tenant_id) do update
       set balance_minor = credit_balance.balance_minor + excluded.balance_minor, updated_at = excluded.updated_at
     returning cast(balance_minor as text) as balance_minor`,
    [
      key.sellerTenantId,
      key.buyerTenantId,
      key.currency,
      toMinor(amount, key.currency),
      at.getTime(),
    ],
  );
  return fromMinor(rows[0].balance_minor, key.currency);
}

/**
 * Takes `amount` off the balance only if the balance still holds it: the condition
 * is evaluated by the database on the row as it is now (PostgreSQL re-checks it after
 * waiting for a concurrent writer's lock), so two draws racing for the same credits
 * can never take the balance below zero; the CHECK constraint is the last guard.
 * Returns the balance after, or null when the balance no longer holds the amount.
 */
export async function takeFromBalance(
  em: EntityManager,
  key: { sellerTenantId: string; buyerTenantId: string; currency: string },
  amount: Dec,
  at: Date,
): Promise<Dec | null> {
  const minor = toMinor(amount, key.currency);
  const rows = await run<{ balance_minor: string }[]>(
    em,
    `update credit_balance set balance_minor = balance_minor - ?, updated_at = ?
     where seller_tenant_id = ? and buyer_tenant_id = ? and currency = ? and balance_minor >= ?
     returning cast(balance_minor as text) as balance_minor`,
    [minor, at.getTime(), key.sellerTenantId, key.buyerTenantId, key.currency, minor],
  );
  return rows[0] ? fromMinor(rows[0].balance_minor, key.currency) : null;
}

export interface CreditEntry {
  sellerTenantId: string;
  buyerTenantId: string;
  currency: string;
  kind: CreditEntryKind;
  /** Signed: positive adds, negative draws. */
  amount: Dec;
  balanceAfter: Dec;
  invoiceId?: string | null;
  creditNoteId?: string | null;
  idempotencyKey?: string | null;
}

export async function appendCreditEntry(
  em: EntityManager,
  entry: CreditEntry,
  at: Date,
): Promise<void> {
  await run(
    em,
    `insert into credit_entry (id, seller_tenant_id, buyer_tenant_id, currency, kind, amount_minor,
       balance_after_minor, invoice_id, credit_note_id, idempotency_key, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      randomUUID(),
      entry.sellerTenantId,
      entry.buyerTenantId,
      entry.currency,
      entry.kind,
      toMinor(entry.amount, entry.currency),
      toMinor(entry.balanceAfter, entry.currency),
      entry.invoiceId ?? null,
      entry.creditNoteId ?? null,
      entry.idempotencyKey ?? null,
      at.getTime(),
    ],
  );
}

export interface StoredEntry {
  kind: CreditEntryKind;
  currency: string;
  amount: Dec;
  balanceAfter: Dec;
}

export async function entryByKey(
  em: EntityManager,
  sellerTenantId: string,
  buyerTenantId: string,
  idempotencyKey: string,
): Promise<StoredEntry | null> {
  const rows = await run<
    { kind: CreditEntryKind; currency: string; amount_minor: string; balance_after_minor: string }[]
  >(
    em,
    `select kind, currency, cast(amount_minor as text) as amount_minor,
       cast(balance_after_minor as text) as balance_after_minor
     from credit_entry where seller_tenant_id = ? and buyer_tenant_id = ? and idempotency_key = ?`,
    [sellerTenantId, buyerTenantId, idempotencyKey],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    kind: row.kind,
    currency: row.currency,
    amount: fromMinor(row.amount_minor, row.currency),
    balanceAfter: fromMinor(row.balance_after_minor, row.currency),
  };
}
