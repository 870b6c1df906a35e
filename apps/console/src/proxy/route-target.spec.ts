import { rpcTarget } from './route-target';

describe('which service a console call goes to', () => {
  it.each([
    [
      '/api/cascade.metering.v1.TenantService/GetTenant',
      'metering',
      '/cascade.metering.v1.TenantService/GetTenant',
    ],
    [
      '/api/cascade.rating.v1.PlanService/ListPlans',
      'rating',
      '/cascade.rating.v1.PlanService/ListPlans',
    ],
    [
      '/api/cascade.invoicing.v1.InvoiceService/GetInvoice',
      'invoicing',
      '/cascade.invoicing.v1.InvoiceService/GetInvoice',
    ],
    [
      '/api/invoicing/cascade.common.v1.AuditService/ListAuditEvents',
      'invoicing',
      '/cascade.common.v1.AuditService/ListAuditEvents',
    ],
    [
      '/api/rating/cascade.rating.v1.RatingService/ExplainLine',
      'rating',
      '/cascade.rating.v1.RatingService/ExplainLine',
    ],
  ])('%s → %s', (path, upstream, servicePath) => {
    expect(rpcTarget(path)).toEqual({ upstream, path: servicePath });
  });

  it.each([
    '/api/cascade.common.v1.AuditService/ListAuditEvents',
    '/api/metering/cascade.rating.v1.PlanService/ListPlans',
    '/api/grpc.health.v1.Health/Check',
    '/api/cascade.billing.v1.X/Y',
    '/api/cascade.metering.v1.TenantService/GetTenant/extra',
    '/api/../cascade.metering.v1.TenantService/GetTenant',
    '/cascade.metering.v1.TenantService/GetTenant',
  ])('%s is no Cascade RPC', (path) => {
    expect(rpcTarget(path)).toBeUndefined();
  });
});
