import { invalidArgument } from '@cascade/platform';

/** Where a page of ListInvoices ended, in its order: period start, seller, buyer, id. */
export interface InvoiceCursor {
  periodStart: number;
  sellerTenantId: string;
  buyerTenantId: string;
  id: string;
}

/** Opaque to clients: base64url JSON of the last invoice's sort key. */
export function encodeInvoiceCursor(cursor: InvoiceCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.periodStart, cursor.sellerTenantId, cursor.buyerTenantId, cursor.id]),
  ).toString('base64url');
}

export function decodeInvoiceCursor(token: string): InvoiceCursor | undefined {
  if (token === '') return undefined;
  const bad = () => invalidArgument('page_token', 'is not a token this service issued');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    !Number.isSafeInteger(parsed[0]) ||
    !parsed.slice(1).every((part) => typeof part === 'string')
  )
    throw bad();
  const [periodStart, sellerTenantId, buyerTenantId, id] = parsed as [
    number,
    string,
    string,
    string,
  ];
  return { periodStart, sellerTenantId, buyerTenantId, id };
}
