import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  EntityManager,
  FilterQuery,
  MikroORM,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { changedNothing } from '@cascade/platform';
import { InvoiceEntity, InvoiceRow, InvoiceStatus } from './invoice.entity';
import { InvoiceEventEntity, InvoiceEventRow, InvoiceEventType } from './invoice-event.entity';
import { InvoiceLineEntity, InvoiceLineRow } from './invoice-line.entity';
import { appendInvoiceEvent } from './invoice-outbox';
import {
  DraftRecord,
  draftColumns,
  draftDigest,
  newDraftRow,
  InvoiceFilter,
  RELEASED_STATUSES,
  SavedDraft,
  StoredInvoice,
} from './invoice-record';
import { nextInvoiceSequence } from './seller-counter';
import { saveDraftBatch } from './draft-batch';
import { run } from './sql';
import { InvoiceCursor } from '../invoices/invoice-page-token';
import { Dec } from '@cascade/money';

/** Attempts of a draft upsert: a lost insert race is retried as an update. */
const UPSERT_ATTEMPTS = 3;
/** Ids per IN (...) list. */
const ID_CHUNK = 500;

export interface Transition {
  id: string;
  from: InvoiceStatus;
  to: InvoiceStatus;
  event: InvoiceEventType;
  at: Date;
  changes?: Partial<
    Pick<InvoiceRow, 'voidReason' | 'finalizedAt' | 'dueAt' | 'paidAt' | 'voidedAt'>
  >;
  /** Finalizing: turns the seller's next sequence into the invoice number. */
  number?: (sellerTenantId: string, sequence: bigint) => string;
  /** A further condition of the claim (SQL on the invoice row), e.g. finalize's period end. */
  onlyIf?: { where: string; params: unknown[] };
  /** More work in the same transaction once the step has applied (finalize draws credits). */
  alsoDo?: (tx: EntityManager, invoice: ClaimedInvoice) => Promise<void>;
}

/** What a transition reads of the invoice it claimed, under the row lock. */
export interface ClaimedInvoice {
  id: string;
  sellerTenantId: string;
  buyerTenantId: string;
  currency: string;
  total: Dec;
  creditsApplied: Dec;
  /** A negative amount due that goes to the buyer's credits on finalize. */
  creditedToBalance: Dec | null;
}

interface ClaimedRow {
  id: string;
  seller_tenant_id: string;
  buyer_tenant_id: string;
  currency: string;
  total: string | number;
  credits_applied: string | number;
  credited_to_balance: string | number | null;
}

function claimedInvoice(row: ClaimedRow): ClaimedInvoice {
  return {
    id: row.id,
    sellerTenantId: row.seller_tenant_id,
    buyerTenantId: row.buyer_tenant_id,
    currency: row.currency,
    total: new Dec(String(row.total)),
    creditsApplied: new Dec(String(row.credits_applied)),
    creditedToBalance:
      row.credited_to_balance === null ? null : new Dec(String(row.credited_to_balance)),
  };
}

/** Rows after the cursor in (period start, seller, buyer, id) order. */
function after(c: InvoiceCursor): FilterQuery<InvoiceRow> {
  const start = new Date(c.periodStart);
  return {
    $or: [
      { periodStart: { $gt: start } },
      { periodStart: start, sellerTenantId: { $gt: c.sellerTenantId } },
      {
        periodStart: start,
        sellerTenantId: c.sellerTenantId,
        buyerTenantId: { $gt: c.buyerTenantId },
      },
      {
        periodStart: start,
        sellerTenantId: c.sellerTenantId,
        buyerTenantId: c.buyerTenantId,
        id: { $gt: c.id },
      },
    ],
  };
}

/** The invoice's status when the transition did not apply; null when it does not exist. */
export type TransitionResult = { applied: true } | { applied: false; status: InvoiceStatus | null };

@Injectable()
export class InvoiceRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  /**
   * Creates the draft for its key, or replaces the lines of the existing draft.
   * Anything past DRAFT is left alone ('locked'). Two runs racing to create the
   * same key meet the unique constraint; the loser retries and updates instead.
   */
  async saveDraft(draft: DraftRecord, at: Date): Promise<SavedDraft> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.em().transactional((tx) => this.upsertDraft(tx, draft, at));
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= UPSERT_ATTEMPTS)
          throw error;
      }
    }
  }

  /**
   * Many drafts in one transaction (a billing run's chunk). Should another run have
   * created one of the keys meanwhile, the batch is rolled back and saved draft by
   * draft, which settles each race as saveDraft does.
   */
  async saveDrafts(drafts: readonly DraftRecord[], at: Date): Promise<SavedDraft[]> {
    if (drafts.length === 0) return [];
    try {
      return await this.em().transactional((tx) => saveDraftBatch(tx, drafts, at));
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const saved: SavedDraft[] = [];
      for (const draft of drafts) saved.push(await this.saveDraft(draft, at));
      return saved;
    }
  }

  private async upsertDraft(tx: EntityManager, draft: DraftRecord, at: Date): Promise<SavedDraft> {
    const digest = draftDigest(draft);
    const existing = await tx.findOne(InvoiceEntity, {
      ...draft.key,
      status: { $nin: [...RELEASED_STATUSES] },
    });
    if (!existing) {
      const voided = await tx.findOne(
        InvoiceEntity,
        { ...draft.key, status: 'VOID' },
        { orderBy: { createdAt: 'desc' } },
      );
      const row = newDraftRow(randomUUID(), draft, digest, at, voided?.id ?? null);
      const invoice = tx.create(InvoiceEntity, row);
      await tx.flush();
      await this.insertLines(tx, invoice.id, draft);
      await appendInvoiceEvent(tx, invoice, 'CREATED', at);
      return { id: invoice.id, outcome: 'created', status: 'DRAFT' };
    }
    const locked = { id: existing.id, outcome: 'locked' as const, status: existing.status };
    if (existing.status !== 'DRAFT') return locked;
    if (existing.contentDigest === digest)
      return { id: existing.id, outcome: 'unchanged', status: 'DRAFT' };
    // Conditional on DRAFT: a finalize that committed since our read wins, and we back off.
    const updated = await tx.nativeUpdate(
      InvoiceEntity,
      { id: existing.id, status: 'DRAFT' },
      draftColumns(draft, digest, at),
    );
    if (updated === 0) {
      const current = await tx.findOne(InvoiceEntity, { id: existing.id }, { refresh: true });
      return { ...locked, status: current?.status ?? existing.status };
    }
    await tx.nativeDelete(InvoiceLineEntity, { invoiceId: existing.id });
    await this.insertLines(tx, existing.id, draft);
    await appendInvoiceEvent(tx, existing, 'UPDATED', at);
    return { id: existing.id, outcome: 'updated', status: 'DRAFT' };
  }

  private async insertLines(tx: EntityManager, invoiceId: string, draft: DraftRecord) {
    for (const line of draft.lines) tx.create(InvoiceLineEntity, { ...line, invoiceId });
    await tx.flush();
  }

  /**
   * Moves an invoice from one status to the next, with its outbox event, in one
   * transaction. The UPDATE is conditional on the expected status, so of two
   * concurrent transitions exactly one applies (the row lock serializes them); it
   * returns what the rest of the step needs, so a transition is a handful of plain
   * statements (finalizes of one seller queue on its counter, so they must be short).
   */
  async transition(t: Transition): Promise<TransitionResult> {
    return this.em().transactional(async (tx): Promise<TransitionResult> => {
      const changes: [string, unknown][] = [
        ['status', t.to],
        ['updated_at', t.at.getTime()],
      ];
      if (t.changes?.voidReason !== undefined) changes.push(['void_reason', t.changes.voidReason]);
      const instants = [
        ['finalized_at', t.changes?.finalizedAt],
        ['due_at', t.changes?.dueAt],
        ['paid_at', t.changes?.paidAt],
        ['voided_at', t.changes?.voidedAt],
      ] as const;
      for (const [column, value] of instants)
        if (value !== undefined) changes.push([column, value?.getTime() ?? null]);
      const claimed = await run<ClaimedRow[]>(
        tx,
        `update invoice set ${changes.map(([column]) => `${column} = ?`).join(', ')}
         where id = ? and status = ?${t.onlyIf ? ` and ${t.onlyIf.where}` : ''}
         returning id, seller_tenant_id, buyer_tenant_id, currency, total, credits_applied,
           credited_to_balance`,
        [...changes.map(([, value]) => value), t.id, t.from, ...(t.onlyIf?.params ?? [])],
      );
      if (claimed.length === 0) {
        changedNothing(tx);
        const current = await run<{ status: InvoiceStatus }[]>(
          tx,
          'select status from invoice where id = ?',
          [t.id],
        );
        return { applied: false, status: current[0]?.status ?? null };
      }
      const invoice = claimedInvoice(claimed[0]);
      await t.alsoDo?.(tx, invoice);
      if (t.number) {
        // After the status claim: only the transaction that won the invoice takes a number.
        // Last, so the seller's counter row stays locked only for the few statements
        // left before the commit: finalizes of one seller queue there, one at a time.
        const sequence = await nextInvoiceSequence(tx, invoice.sellerTenantId);
        await run(tx, 'update invoice set number = ? where id = ?', [
          t.number(invoice.sellerTenantId, sequence),
          t.id,
        ]);
      }
      await appendInvoiceEvent(tx, invoice, t.event, t.at);
      return { applied: true };
    });
  }

  async get(id: string): Promise<StoredInvoice | null> {
    return (await this.getMany([id])).get(id) ?? null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredInvoice>> {
    const em = this.em();
    const unique = [...new Set(ids)];
    const invoices: InvoiceRow[] = [];
    for (let i = 0; i < unique.length; i += ID_CHUNK) {
      invoices.push(
        ...(await em.find(InvoiceEntity, { id: { $in: unique.slice(i, i + ID_CHUNK) } })),
      );
    }
    const withLines = await this.withLines(em, invoices);
    return new Map(withLines.map((stored) => [stored.invoice.id, stored]));
  }

  /**
   * One page in a stable order (period start, seller, buyer, id), after `cursor`: a
   * keyset, so invoices created meanwhile never shift or repeat what later pages show.
   */
  async list(
    filter: InvoiceFilter,
    limit?: number,
    cursor?: InvoiceCursor,
  ): Promise<StoredInvoice[]> {
    const where: FilterQuery<InvoiceRow> = {};
    if (filter.sellerTenantId) where.sellerTenantId = filter.sellerTenantId;
    if (filter.buyerTenantId) where.buyerTenantId = filter.buyerTenantId;
    if (filter.periodStart) where.periodStart = { $gte: filter.periodStart };
    if (filter.periodEnd) where.periodEnd = { $lte: filter.periodEnd };
    // A discarded draft is gone for every reader but GetInvoice, the stream and a filter asking for it.
    where.status = filter.status ?? { $ne: 'DISCARDED' };
    if (filter.number) where.number = filter.number;
    const em = this.em();
    const invoices = await em.find(
      InvoiceEntity,
      cursor ? { $and: [where, after(cursor)] } : where,
      {
        orderBy: { periodStart: 'asc', sellerTenantId: 'asc', buyerTenantId: 'asc', id: 'asc' },
        limit,
      },
    );
    return this.withLines(em, invoices);
  }

  /** Invoices of a seller or a buyer whose period overlaps [from, to), in the list order. */
  async overlapping(
    party: { sellerTenantId: string } | { buyerTenantId: string },
    from: Date,
    to: Date,
  ): Promise<StoredInvoice[]> {
    const em = this.em();
    const invoices = await em.find(
      InvoiceEntity,
      { ...party, periodStart: { $lt: to }, periodEnd: { $gt: from } },
      { orderBy: { periodStart: 'asc', sellerTenantId: 'asc', buyerTenantId: 'asc', id: 'asc' } },
    );
    return this.withLines(em, invoices);
  }

  /** Ids of the invoices with this number (one per seller at most), of one seller if named. */
  async idsByNumber(number: string, sellerTenantId: string): Promise<string[]> {
    const where: FilterQuery<InvoiceRow> = { number };
    if (sellerTenantId) where.sellerTenantId = sellerTenantId;
    const rows = await this.em().find(InvoiceEntity, where, {
      fields: ['id'],
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => row.id);
  }

  /** Outbox rows after a sequence, oldest first, of one seller and one buyer when named. */
  eventsAfter(
    after: bigint,
    parties: { sellerTenantId: string; buyerTenantId: string },
    limit: number,
  ): Promise<InvoiceEventRow[]> {
    const where: FilterQuery<InvoiceEventRow> = { sequence: { $gt: after.toString() } };
    if (parties.sellerTenantId) where.sellerTenantId = parties.sellerTenantId;
    if (parties.buyerTenantId) where.buyerTenantId = parties.buyerTenantId;
    return this.em().find(InvoiceEventEntity, where, { orderBy: { sequence: 'asc' }, limit });
  }

  private async withLines(em: EntityManager, invoices: InvoiceRow[]): Promise<StoredInvoice[]> {
    const byInvoice = new Map<string, InvoiceLineRow[]>(invoices.map((i) => [i.id, []]));
    const ids = [...byInvoice.keys()];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const lines = await em.find(
        InvoiceLineEntity,
        { invoiceId: { $in: ids.slice(i, i + ID_CHUNK) } },
        { orderBy: { invoiceId: 'asc', lineNo: 'asc' } },
      );
      for (const line of lines) byInvoice.get(line.invoiceId)?.push(line);
    }
    return invoices.map((invoice) => ({ invoice, lines: byInvoice.get(invoice.id) ?? [] }));
  }
}
