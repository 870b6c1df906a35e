import { DescService } from '@bufbuild/protobuf';
import { Client, createClient, Interceptor } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import {
  ApiKeyService,
  AuditService,
  InvoiceService,
  MeterService,
  PlanService,
  RatingService,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { Profile } from './profiles';

export interface Clients {
  tenants: Client<typeof TenantService>;
  meters: Client<typeof MeterService>;
  usage: Client<typeof UsageService>;
  apiKeys: Client<typeof ApiKeyService>;
  plans: Client<typeof PlanService>;
  rating: Client<typeof RatingService>;
  invoices: Client<typeof InvoiceService>;
  audit: (service: 'metering' | 'rating' | 'invoicing') => Client<typeof AuditService>;
}

/** Generated Connect clients over gRPC (HTTP/2), one transport per service, with the profile's key. */
export function connect(profile: Profile): Clients {
  const auth: Interceptor = (next) => (req) => {
    if (profile.key) req.header.set('authorization', `Bearer ${profile.key}`);
    return next(req);
  };
  const transports = {
    metering: createGrpcTransport({ baseUrl: profile.urls.metering, interceptors: [auth] }),
    rating: createGrpcTransport({ baseUrl: profile.urls.rating, interceptors: [auth] }),
    invoicing: createGrpcTransport({ baseUrl: profile.urls.invoicing, interceptors: [auth] }),
  };
  const on = <S extends DescService>(service: S, where: keyof typeof transports) =>
    createClient(service, transports[where]);
  return {
    tenants: on(TenantService, 'metering'),
    meters: on(MeterService, 'metering'),
    usage: on(UsageService, 'metering'),
    apiKeys: on(ApiKeyService, 'metering'),
    plans: on(PlanService, 'rating'),
    rating: on(RatingService, 'rating'),
    invoices: on(InvoiceService, 'invoicing'),
    audit: (service) => on(AuditService, service),
  };
}
