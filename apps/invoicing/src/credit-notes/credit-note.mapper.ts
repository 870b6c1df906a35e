import { MessageInitShape } from '@bufbuild/protobuf';
import { CreditNoteSchema, LineKind as ProtoLineKind } from '@cascade/contracts';
import { formatMoney } from '@cascade/money';
import { toTimestamp } from '@cascade/platform';
import { StoredCreditNote } from '../persistence/credit-note.entity';

export function creditNoteToProto(
  stored: StoredCreditNote,
): MessageInitShape<typeof CreditNoteSchema> {
  const { note, lines } = stored;
  const money = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, note.currency);
  return {
    id: note.id,
    number: note.number,
    invoiceId: note.invoiceId,
    sellerTenantId: note.sellerTenantId,
    buyerTenantId: note.buyerTenantId,
    currency: note.currency,
    reason: note.reason,
    lines: lines.map((line) => ({
      invoiceLineNumber: line.invoiceLineNo,
      kind: ProtoLineKind[line.kind],
      description: line.description,
      meterCode: line.meterCode,
      amount: money(line.amount),
    })),
    subtotal: money(note.subtotal),
    tax: money(note.tax),
    total: money(note.total),
    creditedToBalance: note.creditedToBalance === 1,
    createdAt: toTimestamp(note.createdAt),
  };
}
