import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import {
  CreditNoteEntity,
  CreditNoteLineEntity,
  CreditNoteLineRow,
  CreditNoteRow,
  StoredCreditNote,
} from './credit-note.entity';
import { chunks } from './pair-key';

@Injectable()
export class CreditNoteRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  em(): EntityManager {
    return this.orm.em.fork();
  }

  async ofInvoice(em: EntityManager, invoiceId: string): Promise<StoredCreditNote[]> {
    const notes = await em.find(
      CreditNoteEntity,
      { invoiceId },
      { orderBy: { createdAt: 'asc', number: 'asc' } },
    );
    return this.withLines(em, notes);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredCreditNote>> {
    const em = this.em();
    const notes: CreditNoteRow[] = [];
    for (const slice of chunks([...new Set(ids)]))
      notes.push(...(await em.find(CreditNoteEntity, { id: { $in: slice } })));
    const stored = await this.withLines(em, notes);
    return new Map(stored.map((s) => [s.note.id, s]));
  }

  private async withLines(
    em: EntityManager,
    notes: StoredCreditNote['note'][],
  ): Promise<StoredCreditNote[]> {
    if (notes.length === 0) return [];
    const lines: CreditNoteLineRow[] = [];
    for (const slice of chunks(notes.map((n) => n.id)))
      lines.push(
        ...(await em.find(
          CreditNoteLineEntity,
          { creditNoteId: { $in: slice } },
          { orderBy: { creditNoteId: 'asc', lineNo: 'asc' } },
        )),
      );
    return notes.map((note) => ({ note, lines: lines.filter((l) => l.creditNoteId === note.id) }));
  }
}
