import { createHash } from 'node:crypto';
import { formatDecimal } from '@cascade/money';
import type { IssueCreditNote } from './credit-note.service';

/**
 * Fingerprint of what a credit note request asks for (reason, lines, amounts,
 * descriptions, credit to balance): a retry with the same idempotency key must ask
 * for exactly this, or it is another request under a used key.
 */
export function creditNoteRequestDigest(input: IssueCreditNote): string {
  const canonical = {
    reason: input.reason,
    creditToBalance: input.creditToBalance,
    lines: input.lines.map((line) => [
      line.lineNo,
      line.amount ? formatDecimal(line.amount) : null,
      line.description || null,
    ]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
