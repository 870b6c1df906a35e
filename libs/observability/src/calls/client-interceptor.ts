import type { Interceptor } from '@connectrpc/connect';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer } from '../tracing';
import { codeOf } from './code-name';

const headerSetter = {
  set: (carrier: Headers, key: string, value: string) => carrier.set(key, value),
};

/**
 * Every peer call gets a CLIENT span child of the call being served and carries
 * it to the peer as W3C `traceparent`: invoicing → rating → metering is one trace.
 */
export function traceContextInterceptor(): Interceptor {
  return (next) => async (request) => {
    const method = `${request.service.typeName}/${request.method.name}`;
    const span = tracer().startSpan(method, {
      kind: SpanKind.CLIENT,
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': request.service.typeName,
        'rpc.method': request.method.name,
      },
    });
    const inSpan = trace.setSpan(context.active(), span);
    propagation.inject(inSpan, request.header, headerSetter);
    try {
      const response = await context.with(inSpan, () => next(request));
      // A streaming response is still open here; its span closes with the call it serves.
      span.end();
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: codeOf(error) });
      span.end();
      throw error;
    }
  };
}
