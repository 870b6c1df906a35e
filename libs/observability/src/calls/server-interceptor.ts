import type { Interceptor, StreamResponse } from '@connectrpc/connect';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { tracer } from '../tracing';
import { callerOf } from './caller';
import { recordCall } from './call-record';
import { codeOf } from './code-name';

const headerGetter = {
  keys: (carrier: Headers) => [...carrier.keys()],
  get: (carrier: Headers, key: string) => carrier.get(key) ?? undefined,
};

/**
 * Observes every RPC a service serves: a SERVER span child of the caller's
 * W3C traceparent, the handler (and the stream it returns) run inside it, then
 * cascade_rpc_* metrics and one log line at its end, with the status code.
 */
export function observeServedCalls(logger: Logger): Interceptor {
  return (next) => async (request) => {
    const method = `${request.service.typeName}/${request.method.name}`;
    const parent = propagation.extract(context.active(), request.header, headerGetter);
    const span = tracer().startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'rpc.system': 'grpc',
          'rpc.service': request.service.typeName,
          'rpc.method': request.method.name,
        },
      },
      parent,
    );
    const inSpan = trace.setSpan(parent, span);
    const start = process.hrtime.bigint();
    const end = (code: string, error?: unknown) =>
      recordCall(logger, {
        method,
        code,
        start,
        span,
        caller: callerOf(request.contextValues),
        error,
      });
    let response: Awaited<ReturnType<typeof next>>;
    try {
      response = await context.with(inSpan, () => next(request));
    } catch (error) {
      end(codeOf(error), error);
      throw error;
    }
    if (!response.stream) {
      end('OK');
      return response;
    }
    return { ...response, message: followed(response, inSpan, end) } as StreamResponse;
  };
}

/** The response stream pulled inside the call's span; the call ends with the stream. */
async function* followed(
  response: StreamResponse,
  inSpan: ReturnType<typeof context.active>,
  end: (code: string, error?: unknown) => void,
): AsyncGenerator<unknown> {
  const iterator = response.message[Symbol.asyncIterator]();
  let code = 'CANCELED';
  let failure: unknown;
  try {
    for (;;) {
      const next = await context.with(inSpan, () => iterator.next());
      if (next.done) break;
      yield next.value;
    }
    code = 'OK';
  } catch (error) {
    code = codeOf(error);
    failure = error;
    throw error;
  } finally {
    if (code === 'CANCELED') await context.with(inSpan, async () => iterator.return?.());
    end(code, failure);
  }
}
