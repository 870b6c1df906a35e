import { Invoice } from '@cascade/contracts';
import { Ctx } from '../../core/context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An invoice as a person names it: its number as printed, or its id. */
export function findInvoice(ctx: Ctx, numberOrId: string, sellerTenantId = ''): Promise<Invoice> {
  const invoices = ctx.clients().invoices;
  return UUID.test(numberOrId)
    ? invoices.getInvoice({ id: numberOrId })
    : invoices.getInvoice({ number: numberOrId, sellerTenantId });
}
