import { AccessPolicy, READERS } from '@cascade/platform';

const INVOICES = 'cascade.invoicing.v1.InvoiceService';
const VISIBLE = { kind: 'resource', what: 'seller or buyer (InvoiceAccess)' } as const;

/** A document is readable by whoever may read its invoice. */
export const documentPolicy: AccessPolicy = {
  [`${INVOICES}/GetInvoiceDocument`]: { roles: READERS, scope: VISIBLE, changes: false },
};
