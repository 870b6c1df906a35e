const SELLER_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * "INV-<seller>-000001": six digits at least, more when the sequence outgrows them.
 *
 * Gapless numbering is a persistence concern, not this function's: the finalize
 * transaction locks the seller's counter row, increments it and stores the number with
 * the invoice, so a rolled-back finalize leaves no hole and two finalizes never share one.
 */
export function formatInvoiceNumber(sellerCode: string, sequence: bigint | number): string {
  if (!SELLER_CODE.test(sellerCode)) {
    throw new RangeError(`invalid seller code ${JSON.stringify(sellerCode)}`);
  }
  if (typeof sequence === 'number' && !Number.isSafeInteger(sequence)) {
    throw new RangeError(`invoice sequence must be an integer, got ${sequence}`);
  }
  const n = BigInt(sequence);
  if (n < 1n) throw new RangeError(`invoice sequence starts at 1, got ${n}`);
  return `INV-${sellerCode}-${n.toString().padStart(6, '0')}`;
}
