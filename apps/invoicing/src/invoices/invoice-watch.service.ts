import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { invalidArgument } from '@cascade/platform';
import { pause } from '../polling/pause';
import { InvoiceEventType } from '../persistence/invoice-event.entity';
import { StoredInvoice } from '../persistence/invoice-record';
import { InvoiceRepository } from '../persistence/invoice.repository';
import { CreditNoteRepository } from '../persistence/credit-note.repository';
import { StoredCreditNote } from '../persistence/credit-note.entity';
import { InvoicingStateRepository } from '../persistence/invoicing-state.repository';
import {
  watchConsumerClosed,
  watchConsumerOpened,
  watchConsumerSent,
} from '../metrics/invoicing-metrics';

/**
 * The largest sequence the outbox's signed 64-bit column holds. after_sequence
 * is a uint64 on the wire; a cursor past this would fail PostgreSQL's query.
 */
const MAX_SEQUENCE = 2n ** 63n - 1n;

/** A WatchInvoices cursor the outbox can be read after. */
export function requireWatchableSequence(afterSequence: bigint): bigint {
  if (afterSequence > MAX_SEQUENCE)
    throw invalidArgument('after_sequence', `must be at most ${MAX_SEQUENCE}`);
  return afterSequence;
}

/** How often a watcher looks for new outbox rows once it has caught up. */
export const POLL_INTERVAL_MS = 200;
/** Outbox rows read per query while replaying. */
const BATCH = 200;

export interface WatchedEvent {
  sequence: bigint;
  type: InvoiceEventType;
  /** The invoice as it is now, not as it was at the event. */
  invoice: StoredInvoice;
  /** The credit note a CREDITED event announces. */
  creditNote?: StoredCreditNote;
}

/**
 * Replays the outbox after a sequence, then follows it by polling.
 *
 * Why polling: the outbox table is the only thing every replica shares, on
 * PostgreSQL and SQLite alike. A change committed by any replica (or by a process
 * that crashed right after) is seen by every watcher within one interval, with no
 * broker and no LISTEN/NOTIFY that SQLite lacks. Ordering comes from the sequence,
 * which the outbox hands out in commit order (see appendInvoiceEvent), so "after
 * the last sequence seen" loses nothing and a consumer resumes where it stopped.
 */
@Injectable()
export class InvoiceWatchService implements OnModuleDestroy {
  private readonly stopping = new AbortController();

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly state: InvoicingStateRepository,
  ) {}

  /** Ends open watches on shutdown, so draining connections does not wait on them. */
  onModuleDestroy(): void {
    this.stopping.abort();
  }

  /**
   * Every seller's and buyer's invoices, or those of the seller and the buyer named,
   * after a sequence the caller checked (requireWatchableSequence).
   */
  async *watch(
    afterSequence: bigint,
    parties: { sellerTenantId: string; buyerTenantId: string },
    signal: AbortSignal,
  ): AsyncGenerator<WatchedEvent> {
    const stop = AbortSignal.any([signal, this.stopping.signal]);
    watchConsumerOpened();
    try {
      yield* this.follow(afterSequence, parties, stop);
    } finally {
      watchConsumerClosed();
    }
  }

  private async *follow(
    afterSequence: bigint,
    parties: { sellerTenantId: string; buyerTenantId: string },
    stop: AbortSignal,
  ): AsyncGenerator<WatchedEvent> {
    let cursor = afterSequence;
    while (!stop.aborted) {
      const events = await this.invoices.eventsAfter(cursor, parties, BATCH);
      if (events.length > 0) {
        // The consumer's lag is measured against the head as of this read, once per batch.
        const head = await this.state.outboxHead();
        const invoices = await this.invoices.getMany(events.map((e) => e.invoiceId));
        const noteIds = events.flatMap((e) => (e.creditNoteId ? [e.creditNoteId] : []));
        const notes = noteIds.length > 0 ? await this.creditNotes.getMany(noteIds) : new Map();
        for (const event of events) {
          const invoice = invoices.get(event.invoiceId);
          cursor = BigInt(event.sequence);
          const creditNote = event.creditNoteId ? notes.get(event.creditNoteId) : undefined;
          // Invoices are never deleted, so this always holds; the check keeps the types honest.
          if (!invoice) continue;
          watchConsumerSent(head - cursor);
          yield { sequence: cursor, type: event.type, invoice, creditNote };
        }
        if (events.length === BATCH) continue; // more to replay: no pause
      }
      await pause(POLL_INTERVAL_MS, stop);
    }
  }
}
