import { createClient } from '@connectrpc/connect';
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
import { consoleTransport } from './transport';

const api = consoleTransport();

/** The generated clients the views' hooks call; one per service, all through the console server. */
export const clients = {
  tenants: createClient(TenantService, api),
  usage: createClient(UsageService, api),
  meters: createClient(MeterService, api),
  apiKeys: createClient(ApiKeyService, api),
  plans: createClient(PlanService, api),
  rating: createClient(RatingService, api),
  invoices: createClient(InvoiceService, api),
  /** Each service keeps its own audit log. */
  audit: {
    metering: createClient(AuditService, consoleTransport('/api/metering')),
    rating: createClient(AuditService, consoleTransport('/api/rating')),
    invoicing: createClient(AuditService, consoleTransport('/api/invoicing')),
  },
};
