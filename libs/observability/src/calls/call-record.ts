import { isValidTraceId, Span, SpanStatusCode } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { rpcDuration, rpcRequests, secondsSince } from '../metrics';
import { CallerFields } from './caller';

/** Health checks are polled by probes all day: they are counted, not logged at info. */
const QUIET = new Set(['grpc.health.v1.Health/Check', 'grpc.health.v1.Health/Watch']);

export interface CallEnd {
  method: string;
  code: string;
  start: bigint;
  span: Span;
  caller: CallerFields;
  error?: unknown;
}

/** One call's end: its metrics, its span's status and its one log line. */
export function recordCall(logger: Logger, end: CallEnd): void {
  const seconds = secondsSince(end.start);
  rpcRequests.inc({ method: end.method, code: end.code });
  rpcDuration.observe({ method: end.method, code: end.code }, seconds);
  end.span.setAttribute('rpc.grpc.status_code_name', end.code);
  if (end.code !== 'OK') {
    end.span.setStatus({ code: SpanStatusCode.ERROR, message: end.code });
  }
  end.span.end();
  const traceId = end.span.spanContext().traceId;
  const fields = {
    ...(isValidTraceId(traceId) ? { trace_id: traceId } : {}),
    rpc: end.method,
    code: end.code,
    duration_ms: Math.round(seconds * 1e6) / 1e3,
    ...end.caller,
  };
  const message = `${end.method} ${end.code}`;
  if (QUIET.has(end.method)) logger.debug(fields, message);
  else if (end.code === 'INTERNAL' || end.code === 'UNKNOWN')
    logger.error({ ...fields, err: end.error }, message);
  else logger.info(fields, message);
}
