import { AuditService, InvoiceService } from '@cascade/contracts';
import type { ListInvoicesRequest, WatchInvoicesRequest } from '@cascade/contracts';
import { billingPolicy } from './billing-policy';
import { AccessPolicy, ADMINS, AUDIT_POLICY, READERS, tenantId, tenants } from '@cascade/platform';

const INVOICES = 'cascade.invoicing.v1.InvoiceService';
const VISIBLE = { kind: 'resource', what: 'seller or buyer (InvoiceAccess)' } as const;
const SELLER_SIDE = { kind: 'resource', what: "the invoice's seller (InvoiceAccess)" } as const;

/**
 * Who may call each invoicing RPC (docs/SECURITY.md). Invoices are visible
 * where the caller's subtree holds their seller or their buyer, and change
 * only from the seller's side.
 */
export const invoicingPolicy: AccessPolicy = {
  // Every edge of every tree at once.
  [`${INVOICES}/RunBilling`]: { roles: ADMINS, scope: { kind: 'installation' }, changes: true },
  [`${INVOICES}/GetInvoice`]: { roles: READERS, scope: VISIBLE, changes: false },
  // Every party named must be in the subtree; naming none is the operator's (the service refuses keys).
  [`${INVOICES}/ListInvoices`]: {
    roles: READERS,
    scope: tenants((r: ListInvoicesRequest) => [
      tenantId('seller_tenant_id', r.sellerTenantId.trim(), { ifEmpty: 'service' }),
      tenantId('buyer_tenant_id', r.buyerTenantId.trim(), { ifEmpty: 'service' }),
    ]),
    changes: false,
  },
  [`${INVOICES}/FinalizeInvoice`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  [`${INVOICES}/VoidInvoice`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  [`${INVOICES}/MarkInvoicePaid`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  // Every invoice at once is the operator's; a seller's or a buyer's stream is its subtree's.
  [`${INVOICES}/WatchInvoices`]: {
    roles: READERS,
    scope: tenants((r: WatchInvoicesRequest) =>
      r.sellerTenantId.trim() === '' && r.buyerTenantId.trim() !== ''
        ? [tenantId('buyer_tenant_id', r.buyerTenantId.trim())]
        : [
            tenantId('seller_tenant_id', r.sellerTenantId.trim()),
            tenantId('buyer_tenant_id', r.buyerTenantId.trim(), { ifEmpty: 'service' }),
          ],
    ),
    changes: false,
  },
  ...billingPolicy,
  ...AUDIT_POLICY,
};

/** Everything invoicing serves (grpc.health.v1 aside); each RPC has a rule above. */
export const INVOICING_SERVICES = [InvoiceService, AuditService] as const;
