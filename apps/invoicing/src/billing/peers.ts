import { Provider } from '@nestjs/common';
import { Client, ConnectError } from '@connectrpc/connect';
import {
  MeterService,
  PlanService,
  RatingService,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import { peerClient, peerUrl, serviceAuth } from '@cascade/platform';

export const RATING_CLIENT = Symbol('RATING_CLIENT');
export const TENANT_CLIENT = Symbol('TENANT_CLIENT');
export const METER_CLIENT = Symbol('METER_CLIENT');
export const USAGE_CLIENT = Symbol('USAGE_CLIENT');
export const PLAN_CLIENT = Symbol('PLAN_CLIENT');

export type RatingClient = Client<typeof RatingService>;
export type TenantClient = Client<typeof TenantService>;
export type MeterClient = Client<typeof MeterService>;
export type UsageClient = Client<typeof UsageService>;
export type PlanClient = Client<typeof PlanService>;

/** Generated Connect clients for the peers, found through METERING_URL / RATING_URL when built. */
export const peerProviders: Provider[] = [
  {
    provide: RATING_CLIENT,
    useFactory: (): RatingClient =>
      peerClient(RatingService, { baseUrl: peerUrl('rating'), auth: serviceAuth() }),
  },
  {
    provide: TENANT_CLIENT,
    useFactory: (): TenantClient =>
      peerClient(TenantService, { baseUrl: peerUrl('metering'), auth: serviceAuth() }),
  },
  {
    provide: METER_CLIENT,
    useFactory: (): MeterClient =>
      peerClient(MeterService, { baseUrl: peerUrl('metering'), auth: serviceAuth() }),
  },
  {
    provide: USAGE_CLIENT,
    useFactory: (): UsageClient =>
      peerClient(UsageService, { baseUrl: peerUrl('metering'), auth: serviceAuth() }),
  },
  {
    provide: PLAN_CLIENT,
    useFactory: (): PlanClient =>
      peerClient(PlanService, { baseUrl: peerUrl('rating'), auth: serviceAuth() }),
  },
];

/** Keeps the peer's status code (UNAVAILABLE stays UNAVAILABLE) and says which call failed. */
export function peerFailure(call: string, error: unknown): Error {
  const cause = ConnectError.from(error);
  return new ConnectError(`${call}: ${cause.rawMessage}`, cause.code);
}
