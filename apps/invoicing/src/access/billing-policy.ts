import type {
  CancelSubscriptionRequest,
  GetBillingSettingsRequest,
  GetCreditBalanceRequest,
  GetMarginReportRequest,
  ListUnpricedUsageRequest,
  GetSellerProfileRequest,
  SetSellerProfileRequest,
  SetBillingSettingsRequest,
  TopUpCreditsRequest,
} from '@cascade/contracts';
import { AccessPolicy, ADMINS, READERS, tenantId, tenants } from '@cascade/platform';

const INVOICES = 'cascade.invoicing.v1.InvoiceService';
const VISIBLE = { kind: 'resource', what: 'seller or buyer (InvoiceAccess)' } as const;
const SELLER_SIDE = { kind: 'resource', what: "the invoice's seller (InvoiceAccess)" } as const;

/**
 * Who may call the billing-run, settings, credit, credit note, cancellation and margin
 * RPCs. A buyer's settings, credits and subscription are its seller's to manage (the
 * buyer strictly below the caller); the buyer itself may read them.
 */
export const billingPolicy: AccessPolicy = {
  // Runs bill every tree at once.
  [`${INVOICES}/GetBillingRun`]: { roles: ADMINS, scope: { kind: 'installation' }, changes: false },
  [`${INVOICES}/ListBillingRuns`]: {
    roles: ADMINS,
    scope: { kind: 'installation' },
    changes: false,
  },
  [`${INVOICES}/RunBillingWithProgress`]: {
    roles: ADMINS,
    scope: { kind: 'installation' },
    changes: true,
  },
  [`${INVOICES}/WatchBillingRun`]: {
    roles: ADMINS,
    scope: { kind: 'installation' },
    changes: false,
  },
  [`${INVOICES}/WatchBillingRuns`]: {
    roles: ADMINS,
    scope: { kind: 'installation' },
    changes: false,
  },
  [`${INVOICES}/SetBillingSettings`]: {
    roles: ADMINS,
    scope: tenants((r: SetBillingSettingsRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId.trim(), { below: true }),
    ]),
    changes: true,
  },
  [`${INVOICES}/GetBillingSettings`]: {
    roles: READERS,
    scope: tenants((r: GetBillingSettingsRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId.trim()),
    ]),
    changes: false,
  },
  [`${INVOICES}/TopUpCredits`]: {
    roles: ADMINS,
    scope: tenants((r: TopUpCreditsRequest) => [
      tenantId('seller_tenant_id', r.sellerTenantId.trim()),
      tenantId('buyer_tenant_id', r.buyerTenantId.trim(), { below: true }),
    ]),
    changes: true,
  },
  [`${INVOICES}/GetCreditBalance`]: {
    roles: READERS,
    scope: tenants((r: GetCreditBalanceRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId.trim()),
    ]),
    changes: false,
  },
  [`${INVOICES}/IssueCreditNote`]: { roles: ADMINS, scope: SELLER_SIDE, changes: true },
  [`${INVOICES}/ListCreditNotes`]: { roles: READERS, scope: VISIBLE, changes: false },
  [`${INVOICES}/CancelSubscription`]: {
    roles: ADMINS,
    scope: tenants((r: CancelSubscriptionRequest) => [
      tenantId('seller_tenant_id', r.sellerTenantId.trim()),
      tenantId('buyer_tenant_id', r.buyerTenantId.trim(), { below: true }),
    ]),
    changes: true,
  },
  // A tenant's own margin: what it sold and what it bought.
  [`${INVOICES}/GetMarginReport`]: {
    roles: READERS,
    scope: tenants((r: GetMarginReportRequest) => [tenantId('tenant_id', r.tenantId.trim())]),
    changes: false,
  },
  // A subtree's edges (its own with its seller and every one below); none: every tree.
  [`${INVOICES}/ListUnpricedUsage`]: {
    roles: READERS,
    scope: tenants((r: ListUnpricedUsageRequest) => [tenantId('tenant_id', r.tenantId.trim())]),
    changes: false,
  },
  // A seller's brand and terms are its own to set; its buyers read what is in force for them.
  [`${INVOICES}/SetSellerProfile`]: {
    roles: ADMINS,
    scope: tenants((r: SetSellerProfileRequest) => [tenantId('tenant_id', r.tenantId.trim())]),
    changes: true,
  },
  [`${INVOICES}/GetSellerProfile`]: {
    roles: READERS,
    scope: tenants((r: GetSellerProfileRequest) => [tenantId('tenant_id', r.tenantId.trim())]),
    changes: false,
  },
};
