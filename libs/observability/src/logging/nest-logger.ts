import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger } from 'pino';

/** Nest's last optional parameter is the context (the Logger's name). */
function split(params: unknown[]): { context?: string; rest: unknown[] } {
  const last = params[params.length - 1];
  return typeof last === 'string'
    ? { context: last, rest: params.slice(0, -1) }
    : { context: undefined, rest: params };
}

function fields(context: string | undefined, extra: object = {}): object {
  return context ? { context, ...extra } : extra;
}

/** Nest's logging (every `new Logger(name)` in the services) written through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes (message, stack, context) or (error, context). */
  error(message: unknown, ...params: unknown[]): void {
    const { context, rest } = split(params);
    if (message instanceof Error) {
      this.logger.error(fields(context, { err: message }), message.message);
      return;
    }
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    this.logger.error(fields(context, stack ? { stack } : {}), String(message));
  }

  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level)) ?? 'log';
    this.logger.level =
      { verbose: 'trace', debug: 'debug', log: 'info' }[lowest as string] ?? lowest;
  }

  private write(
    level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ) {
    const { context } = split(params);
    if (typeof message === 'object' && message !== null) {
      this.logger[level](fields(context, message));
    } else {
      this.logger[level](fields(context), String(message));
    }
  }
}
