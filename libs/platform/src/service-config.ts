/** Where each service listens and finds its peers (API.md defaults). */
export const DEFAULT_PORTS = { metering: 50051, rating: 50052, invoicing: 50053 } as const;
export type ServiceName = keyof typeof DEFAULT_PORTS;

/** The variables a service reads its own port from (a test harness sets them too). */
export const PORT_VARIABLES: Record<ServiceName, string> = {
  metering: 'METERING_PORT',
  rating: 'RATING_PORT',
  invoicing: 'INVOICING_PORT',
};

/** The variables a service reads its peers' URLs from. */
export const URL_VARIABLES: Record<ServiceName, string> = {
  metering: 'METERING_URL',
  rating: 'RATING_URL',
  invoicing: 'INVOICING_URL',
};

export function servicePort(service: ServiceName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[PORT_VARIABLES[service]];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[service];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`${PORT_VARIABLES[service]}: not a port number: ${raw}`);
  }
  return port;
}

/**
 * METERING_URL …, or the service on this host: https:// when TLS is configured
 * (CASCADE_TLS_CERT for a service; CASCADE_TLS_CA for a tool that only verifies).
 */
export function peerUrl(service: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const scheme = env.CASCADE_TLS_CERT || env.CASCADE_TLS_CA ? 'https' : 'http';
  return env[URL_VARIABLES[service]] || `${scheme}://127.0.0.1:${servicePort(service, env)}`;
}
