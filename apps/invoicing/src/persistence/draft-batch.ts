import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { InvoiceEntity, InvoiceRow, InvoiceStatus } from './invoice.entity';
import { InvoiceLineEntity, InvoiceLineRow } from './invoice-line.entity';
import { appendInvoiceEvents, OutboxEvent } from './invoice-outbox';
import {
  DraftRecord,
  draftColumns,
  draftDigest,
  newDraftRow,
  RELEASED_STATUSES,
  SavedDraft,
} from './invoice-record';

/** Ids per IN (...) list. */
const ID_CHUNK = 500;

interface Existing {
  id: string;
  status: InvoiceStatus;
  contentDigest: string;
  sellerTenantId: string;
  buyerTenantId: string;
  createdAt: Date;
}

/** Per key: the invoice holding it, and the latest VOID one a new draft replaces. */
interface KeyState {
  holder?: Existing;
  voided?: Existing;
}

/**
 * Saves many drafts of one period in one transaction: one read of what exists, one
 * multi-row insert per table, one outbox append. Same rules as a single save: a new
 * key is created, a draft whose content changed is rewritten (conditionally on still
 * being a DRAFT), an unchanged one is not touched, and anything past DRAFT is locked.
 * A key created concurrently by another run fails the insert and the whole batch;
 * the caller then saves the drafts one by one.
 */
export async function saveDraftBatch(
  tx: EntityManager,
  drafts: readonly DraftRecord[],
  at: Date,
): Promise<SavedDraft[]> {
  const existing = await findExisting(tx, drafts);
  const saved: SavedDraft[] = [];
  const created: InvoiceRow[] = [];
  const rewritten: string[] = [];
  const lines: InvoiceLineRow[] = [];
  const events: OutboxEvent[] = [];
  for (const draft of drafts) {
    const digest = draftDigest(draft);
    const state = existing.get(keyOf(draft.key));
    const found = state?.holder;
    if (!found) {
      const id = randomUUID();
      created.push(newDraftRow(id, draft, digest, at, state?.voided?.id ?? null));
      lines.push(...draft.lines.map((line) => ({ ...line, invoiceId: id })));
      events.push({
        invoice: {
          id,
          sellerTenantId: draft.key.sellerTenantId,
          buyerTenantId: draft.key.buyerTenantId,
        },
        type: 'CREATED',
      });
      saved.push({ id, outcome: 'created', status: 'DRAFT' });
      continue;
    }
    if (found.status !== 'DRAFT') {
      saved.push({ id: found.id, outcome: 'locked', status: found.status });
      continue;
    }
    if (found.contentDigest === digest) {
      saved.push({ id: found.id, outcome: 'unchanged', status: 'DRAFT' });
      continue;
    }
    // Conditional on DRAFT: a finalize that committed since our read wins.
    const updated = await tx.nativeUpdate(
      InvoiceEntity,
      { id: found.id, status: 'DRAFT' },
      draftColumns(draft, digest, at),
    );
    if (updated === 0) {
      const current = await tx.findOne(InvoiceEntity, { id: found.id }, { refresh: true });
      saved.push({ id: found.id, outcome: 'locked', status: current?.status ?? found.status });
      continue;
    }
    rewritten.push(found.id);
    lines.push(...draft.lines.map((line) => ({ ...line, invoiceId: found.id })));
    events.push({
      invoice: {
        id: found.id,
        sellerTenantId: found.sellerTenantId,
        buyerTenantId: found.buyerTenantId,
      },
      type: 'UPDATED',
    });
    saved.push({ id: found.id, outcome: 'updated', status: 'DRAFT' });
  }
  for (let i = 0; i < rewritten.length; i += ID_CHUNK)
    await tx.nativeDelete(InvoiceLineEntity, {
      invoiceId: { $in: rewritten.slice(i, i + ID_CHUNK) },
    });
  if (created.length > 0) await tx.insertMany(InvoiceEntity, created);
  for (let i = 0; i < lines.length; i += ID_CHUNK)
    await tx.insertMany(InvoiceLineEntity, lines.slice(i, i + ID_CHUNK));
  await appendInvoiceEvents(tx, events, at);
  return saved;
}

function keyOf(key: DraftRecord['key']): string {
  return `${key.sellerTenantId}\u0000${key.buyerTenantId}\u0000${key.periodStart.getTime()}\u0000${key.periodEnd.getTime()}`;
}

async function findExisting(
  tx: EntityManager,
  drafts: readonly DraftRecord[],
): Promise<Map<string, KeyState>> {
  const found = new Map<string, KeyState>();
  const byPeriod = new Map<string, DraftRecord[]>();
  for (const draft of drafts) {
    const period = `${draft.key.periodStart.getTime()}/${draft.key.periodEnd.getTime()}`;
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), draft]);
  }
  for (const group of byPeriod.values()) {
    const { periodStart, periodEnd } = group[0].key;
    const buyers = [...new Set(group.map((d) => d.key.buyerTenantId))];
    for (let i = 0; i < buyers.length; i += ID_CHUNK) {
      const rows = await tx.find(
        InvoiceEntity,
        { periodStart, periodEnd, buyerTenantId: { $in: buyers.slice(i, i + ID_CHUNK) } },
        {
          fields: [
            'id',
            'status',
            'contentDigest',
            'sellerTenantId',
            'buyerTenantId',
            'periodStart',
            'periodEnd',
            'createdAt',
          ],
        },
      );
      for (const row of rows) found.set(keyOf(row), withRow(found.get(keyOf(row)) ?? {}, row));
    }
  }
  return found;
}

function withRow(state: KeyState, row: Existing): KeyState {
  if (!RELEASED_STATUSES.includes(row.status)) return { ...state, holder: row };
  if (row.status !== 'VOID') return state;
  const later = !state.voided || state.voided.createdAt.getTime() < row.createdAt.getTime();
  return later ? { ...state, voided: row } : state;
}
