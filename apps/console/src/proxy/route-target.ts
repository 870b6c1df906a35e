export type Upstream = 'metering' | 'rating' | 'invoicing';

const BY_PACKAGE: Record<string, Upstream> = {
  'cascade.metering.v1': 'metering',
  'cascade.rating.v1': 'rating',
  'cascade.invoicing.v1': 'invoicing',
};

const RPC_PATH =
  /^\/api\/(?:(metering|rating|invoicing)\/)?((cascade\.[a-z]+\.v1)\.[A-Za-z]+)\/([A-Za-z]+)$/;

export interface RpcTarget {
  upstream: Upstream;
  /** The path the service serves: /<package>.<Service>/<Method>. */
  path: string;
}

/**
 * Which service a forwarded call goes to, by the service's package:
 * /api/cascade.rating.v1.PlanService/ListPlans → rating. The audit log
 * (cascade.common.v1) lives on all three, so its path names the service:
 * /api/invoicing/cascade.common.v1.AuditService/ListAuditEvents.
 * Anything else is no RPC of Cascade's (undefined).
 */
export function rpcTarget(path: string): RpcTarget | undefined {
  const match = RPC_PATH.exec(path);
  if (!match) return undefined;
  const [, named, service, pkg, method] = match;
  const upstream = pkg === 'cascade.common.v1' ? named : BY_PACKAGE[pkg];
  if (!upstream || (named && named !== upstream)) return undefined;
  return { upstream: upstream as Upstream, path: `/${service}/${method}` };
}
