import { context, propagation, trace, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  /** True when spans are recorded and exported (OTEL_EXPORTER_OTLP_ENDPOINT set). */
  exporting: boolean;
  /** Exports what is left; call on shutdown. */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * W3C trace context is always accepted and passed on (a caller's traceparent
 * reaches the peers and the logs even when this process records nothing).
 * Spans are recorded and exported by OTLP/HTTP only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads the standard
 * OTEL_EXPORTER_OTLP_* and OTEL_BSP_* variables itself); off otherwise.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (started) return started;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    started = { exporting: false, shutdown: async () => undefined };
    return started;
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the AsyncLocalStorage context manager and the W3C propagator too.
  provider.register();
  started = { exporting: true, shutdown: () => provider.shutdown() };
  return started;
}

export function tracer(): Tracer {
  return trace.getTracer('cascade');
}
