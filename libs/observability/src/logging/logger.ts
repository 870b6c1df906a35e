import { isValidTraceId, trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * CASCADE_LOG_FORMAT=pretty (what `npm start` sets on a terminal) prints
 * readable, coloured lines; anything else prints one JSON object per line.
 */
function destination(env: NodeJS.ProcessEnv): DestinationStream {
  if (env.CASCADE_LOG_FORMAT !== 'pretty') return pino.destination({ fd: 1, sync: true });
  return pretty({
    colorize: !env.NO_COLOR,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context',
    singleLine: true,
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/** The trace id of the span this line is written under, so logs and traces meet. */
function traceFields(): { trace_id?: string } {
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return traceId && isValidTraceId(traceId) ? { trace_id: traceId } : {};
}

/**
 * The process's logger: level (LOG_LEVEL, default info), ISO time, service,
 * the trace id of the active span; never a bearer token (authorization headers are redacted).
 */
export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return pino(
    {
      level: env.LOG_LEVEL || 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceFields,
      redact: { paths: ['authorization', '*.authorization', 'token', '*.token'], censor: '***' },
    },
    destination(env),
  );
}
