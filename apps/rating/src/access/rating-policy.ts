import { AuditService, PlanService, RatingService } from '@cascade/contracts';
import type {
  AssignPlanRequest,
  CreatePlanRequest,
  ExplainLineRequest,
  ListAssignmentsRequest,
  ListPlansRequest,
  PreviewPlanRequest,
  RateEdgeRequest,
} from '@cascade/contracts';
import { AccessPolicy, ADMINS, AUDIT_POLICY, READERS, tenantId, tenants } from '@cascade/platform';

const PLANS = 'cascade.rating.v1.PlanService';
const RATING = 'cascade.rating.v1.RatingService';
const PLAN = { kind: 'resource', what: "the plan's seller (PlanAccess)" } as const;

/**
 * Who may call each rating RPC (docs/SECURITY.md). Plans belong to the
 * seller that sells them; a buyer's rating is visible to the buyer and to
 * every tenant above it in the caller's subtree, never to the buyer's
 * descendants: a customer sees what it pays, never its seller's cost.
 */
export const ratingPolicy: AccessPolicy = {
  [`${PLANS}/CreatePlan`]: {
    roles: ADMINS,
    scope: tenants((r: CreatePlanRequest) => [
      tenantId('seller_tenant_id', r.sellerTenantId, { label: 'seller tenant' }),
    ]),
    changes: true,
  },
  // Its seller's subtree, or a buyer's key reading a plan it is assigned to (PlanAccess).
  [`${PLANS}/GetPlan`]: { roles: READERS, scope: PLAN, changes: false },
  [`${PLANS}/ListPlans`]: {
    roles: READERS,
    scope: tenants((r: ListPlansRequest) => [
      tenantId('seller_tenant_id', r.sellerTenantId, { ifEmpty: 'service' }),
    ]),
    changes: false,
  },
  [`${PLANS}/UpdatePlan`]: { roles: ADMINS, scope: PLAN, changes: true },
  [`${PLANS}/ArchivePlan`]: { roles: ADMINS, scope: PLAN, changes: true },
  // The buyer must be in the subtree (the guard) and the plan's seller too (PlanAccess).
  [`${PLANS}/AssignPlan`]: {
    roles: ADMINS,
    scope: tenants((r: AssignPlanRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId, { label: 'buyer tenant', ifEmpty: 'service' }),
    ]),
    changes: true,
  },
  [`${PLANS}/ListAssignments`]: {
    roles: READERS,
    scope: tenants((r: ListAssignmentsRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId, { ifEmpty: 'service' }),
    ]),
    changes: false,
  },
  [`${RATING}/RateEdge`]: {
    roles: READERS,
    scope: tenants((r: RateEdgeRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId, { ifEmpty: 'service' }),
    ]),
    changes: false,
  },
  [`${RATING}/RateTree`]: { roles: ADMINS, scope: { kind: 'installation' }, changes: false },
  [`${RATING}/ExplainLine`]: {
    roles: READERS,
    scope: tenants((r: ExplainLineRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId, { ifEmpty: 'service' }),
    ]),
    changes: false,
  },
  // Like CreatePlan, for the buyer's seller: the buyer strictly below the caller
  // (its own key may not price plans), and a stored plan's seller too (PlanAccess).
  [`${RATING}/PreviewPlan`]: {
    roles: ADMINS,
    scope: tenants((r: PreviewPlanRequest) => [
      tenantId('buyer_tenant_id', r.buyerTenantId, {
        label: 'buyer tenant',
        ifEmpty: 'service',
        below: true,
      }),
    ]),
    changes: false,
  },
  ...AUDIT_POLICY,
};

/** Everything rating serves (grpc.health.v1 aside); each RPC has a rule above. */
export const RATING_SERVICES = [PlanService, RatingService, AuditService] as const;
