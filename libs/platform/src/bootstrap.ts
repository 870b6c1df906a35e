import 'reflect-metadata';
import type { DescService } from '@bufbuild/protobuf';
import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { observeService } from '@cascade/observability';
import { SECURITY_OPTIONS } from './auth/security-options';
import { ConnectErrorFilter } from './transport/connect-error.filter';
import { ConnectTransport } from './transport/connect-transport';
import { ServiceName, servicePort } from './service-config';
import { serverTls, tlsSettings } from './tls/tls-settings';

export interface ServiceDefinition {
  name: ServiceName;
  module: Type<unknown>;
  services: readonly DescService[];
}

/**
 * Starts one service: Nest with the Connect transport on its port, graceful
 * shutdown on SIGTERM/SIGINT (stop accepting, drain calls, close the database).
 * The module must provide securityProviders(): the global access guard that
 * authenticates every RPC but grpc.health.v1 and applies the service's policy,
 * and the audit log. A module without them does not start.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<void> {
  const port = servicePort(definition.name);
  const host = process.env.CASCADE_HOST ?? '127.0.0.1';
  // Read once, before anything else, so that a broken setting stops the start with its reason.
  const tls = serverTls(tlsSettings());
  // Logs, metrics (METRICS_PORT) and traces before anything else can fail to report.
  const observed = await observeService(definition.name, host);
  const transport = new ConnectTransport({
    port,
    host,
    services: definition.services,
    tls,
    interceptors: observed.interceptors,
    onClosed: observed.shutdown,
  });
  const app = await NestFactory.createMicroservice(definition.module, {
    strategy: transport,
    bufferLogs: false,
    logger: observed.nestLogger,
  });
  try {
    app.get(SECURITY_OPTIONS, { strict: false });
  } catch {
    throw new Error(
      `${definition.name}: the module provides no securityProviders(); refusing to serve`,
    );
  }
  app.useGlobalFilters(new ConnectErrorFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen();
  const security = !tls
    ? 'cleartext'
    : tls.ca
      ? 'TLS, client certificates verified against CASCADE_TLS_CA'
      : 'TLS';
  observed.logger.info(
    { port: transport.port, metrics_port: observed.metricsPort },
    `${definition.name} listening on ${tls ? 'https' : 'http'}://${host}:${transport.port} (gRPC, gRPC-Web, Connect; ${security}); metrics on http://${host}:${observed.metricsPort}/metrics`,
  );
}
