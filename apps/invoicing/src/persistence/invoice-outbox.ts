import { EntityManager } from '@mikro-orm/core';
import { InvoiceEventType } from './invoice-event.entity';
import { isPostgres, run } from './sql';

/**
 * Appends a state change to the outbox in the caller's transaction: the change and
 * its event commit together or not at all.
 *
 * Watchers read "sequence > last seen", so a sequence must never become visible
 * after a higher one. A PostgreSQL identity is handed out at INSERT time, not at
 * commit, so two transactions could commit 6 before 5 and a watcher would skip 5.
 * A transaction-scoped advisory lock taken just before the insert (the last step of
 * every writing transaction, so it is held only until the commit) makes outbox
 * writers take their sequences in commit order. SQLite has a single writer already.
 */
export async function appendInvoiceEvent(
  em: EntityManager,
  invoice: { id: string; sellerTenantId: string; buyerTenantId: string },
  type: InvoiceEventType,
  at: Date,
  creditNoteId: string | null = null,
): Promise<void> {
  await appendInvoiceEvents(em, [{ invoice, type, creditNoteId }], at);
}

export interface OutboxEvent {
  invoice: { id: string; sellerTenantId: string; buyerTenantId: string };
  type: InvoiceEventType;
  creditNoteId?: string | null;
}

/** Several events in one statement, in the given order (a billing run's chunk). */
export async function appendInvoiceEvents(
  em: EntityManager,
  events: readonly OutboxEvent[],
  at: Date,
): Promise<void> {
  if (events.length === 0) return;
  if (isPostgres(em)) {
    await run(em, "select pg_advisory_xact_lock(hashtext(current_schema() || '.invoice_event'))");
  }
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    const slice = events.slice(i, i + EVENTS_PER_STATEMENT);
    await run(
      em,
      `insert into invoice_event (invoice_id, seller_tenant_id, buyer_tenant_id, type, created_at, credit_note_id) values ${slice
        .map(() => '(?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      slice.flatMap((e) => [
        e.invoice.id,
        e.invoice.sellerTenantId,
        e.invoice.buyerTenantId,
        e.type,
        at.getTime(),
        e.creditNoteId ?? null,
      ]),
    );
  }
}

/** Six parameters each: well under either database's limit per statement. */
const EVENTS_PER_STATEMENT = 1000;
