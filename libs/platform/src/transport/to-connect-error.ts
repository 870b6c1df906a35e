import { Code, ConnectError } from '@connectrpc/connect';
import { AppError, ErrorKind } from '../errors';

const CODES: Record<ErrorKind, Code> = {
  INVALID_ARGUMENT: Code.InvalidArgument,
  NOT_FOUND: Code.NotFound,
  ALREADY_EXISTS: Code.AlreadyExists,
  FAILED_PRECONDITION: Code.FailedPrecondition,
  PERMISSION_DENIED: Code.PermissionDenied,
  UNAUTHENTICATED: Code.Unauthenticated,
  UNAVAILABLE: Code.Unavailable,
};

/** Database connection failures mean "try again", not "we are broken". */
function isConnectionFailure(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003'].includes(
      code,
    )
  );
}

/**
 * Every pooled connection stayed busy past the acquire timeout: overload, so
 * retry later. MikroORM rewraps knex's error and keeps only its message.
 */
function isPoolExhausted(error: Error): boolean {
  return error.message.startsWith('Knex: Timeout acquiring a connection');
}

/**
 * Status messages travel in an HTTP/2 header: one that echoes a huge request
 * field would exceed the client's header limits and break its connection.
 */
export const MAX_STATUS_MESSAGE = 1024;

function bounded(message: string): string {
  return message.length > MAX_STATUS_MESSAGE ? `${message.slice(0, MAX_STATUS_MESSAGE)}…` : message;
}

export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError)
    return error.rawMessage.length > MAX_STATUS_MESSAGE
      ? new ConnectError(bounded(error.rawMessage), error.code, error.metadata)
      : error;
  if (error instanceof AppError) return new ConnectError(bounded(error.message), CODES[error.kind]);
  if (error instanceof Error && isConnectionFailure(error)) {
    return new ConnectError(bounded(`database unavailable: ${error.message}`), Code.Unavailable);
  }
  if (error instanceof Error && isPoolExhausted(error)) {
    return new ConnectError('database busy: no connection came free in time', Code.Unavailable);
  }
  return new ConnectError('internal error', Code.Internal, undefined, undefined, error);
}
