import { AuditService, InvoiceService } from '@cascade/contracts';
import type { ListInvoicesRequest, WatchInvoicesRequest } from '@cascade/contracts';
import { billingPolicy } from './billing-policy';
import { documentPolicy } from './document-policy';
import {
  AccessPolicy,
  ADMINS,
  AUDIT_POLICY,
  READERS,
  TenantTarget,
  tenantId,
  tenants,
} from '@cascade/platform';

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
  // The seller named must be in the subtree (its buyer then only filters: a reseller keeps
  // reading what it invoiced a tenant that has moved away); else the buyer named must be.
  // Naming neither is the operator's (the service refuses keys).
  [`${INVOICES}/ListInvoices`]: {
    roles: READERS,
    scope: tenants((r: ListInvoicesRequest) => partyTargets(r.sellerTenantId, r.buyerTenantId)),
    changes: false,
  },
  [`${INVOICES}/FinalizeInvoice`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  [`${INVOICES}/VoidInvoice`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  [`${INVOICES}/MarkInvoicePaid`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  [`${INVOICES}/DiscardDraftInvoice`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  // The same parties as ListInvoices; every invoice at once is the operator's.
  [`${INVOICES}/WatchInvoices`]: {
    roles: READERS,
    scope: tenants((r: WatchInvoicesRequest) =>
      r.sellerTenantId.trim() === '' && r.buyerTenantId.trim() === ''
        ? [tenantId('seller_tenant_id', '')]
        : partyTargets(r.sellerTenantId, r.buyerTenantId),
    ),
    changes: false,
  },
  // Visible with the invoice; the cost and resale lines only where the caller may read them.
  [`${INVOICES}/ExplainInvoiceLine`]: { roles: READERS, scope: VISIBLE, changes: false },
  ...billingPolicy,
  ...documentPolicy,
  ...AUDIT_POLICY,
};

/** The seller when named, else the buyer when named; none leaves it to the service. */
function partyTargets(sellerTenantId: string, buyerTenantId: string): TenantTarget[] {
  const seller = sellerTenantId.trim();
  if (seller !== '') return [tenantId('seller_tenant_id', seller)];
  return [tenantId('buyer_tenant_id', buyerTenantId.trim(), { ifEmpty: 'service' })];
}

/** Everything invoicing serves (grpc.health.v1 aside); each RPC has a rule above. */
export const INVOICING_SERVICES = [InvoiceService, AuditService] as const;
