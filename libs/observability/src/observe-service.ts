import type { Interceptor } from '@connectrpc/connect';
import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { observeServedCalls } from './calls';
import { createLogger, PinoNestLogger } from './logging';
import { labelRegistry, metricsPort, serveMetrics } from './metrics';
import { startTracing } from './tracing';

export interface ServiceObservability {
  logger: Logger;
  /** Nest's logger for the service (every `new Logger(name)` writes through pino). */
  nestLogger: LoggerService;
  /** The server interceptor: spans, RPC metrics and the one log line per call. */
  interceptors: Interceptor[];
  /** The port /metrics is served on (METRICS_PORT; 0 picks a free one). */
  metricsPort: number;
  /** Stops the metrics endpoint and exports the spans left. */
  shutdown(): Promise<void>;
}

/** Everything a service needs to be observed, started before it serves. */
export async function observeService(
  service: string,
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceObservability> {
  const tracing = startTracing(service, env);
  const logger = createLogger(service, env);
  labelRegistry(service);
  const metrics = await serveMetrics(metricsPort(service, env), host);
  return {
    logger,
    nestLogger: new PinoNestLogger(logger),
    interceptors: [observeServedCalls(logger)],
    metricsPort: metrics.port,
    shutdown: async () => {
      await metrics.close();
      await tracing.shutdown();
    },
  };
}
