import 'reflect-metadata';
import type { DescService } from '@bufbuild/protobuf';
import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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
  const logger = new Logger(definition.name);
  const port = servicePort(definition.name);
  const host = process.env.CASCADE_HOST ?? '127.0.0.1';
  // Read once, before anything else, so that a broken setting stops the start with its reason.
  const tls = serverTls(tlsSettings());
  const transport = new ConnectTransport({ port, host, services: definition.services, tls });
  const app = await NestFactory.createMicroservice(definition.module, {
    strategy: transport,
    bufferLogs: false,
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
  logger.log(
    `${definition.name} listening on ${tls ? 'https' : 'http'}://${host}:${transport.port} (gRPC, gRPC-Web, Connect; ${security})`,
  );
}
