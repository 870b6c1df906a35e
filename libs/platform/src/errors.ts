/**
 * Errors the application layer raises. They carry the gRPC meaning without
 * depending on a transport; the transport maps them to status codes.
 */
export type ErrorKind =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A field failed validation: the message names the field and the reason. */
export function invalidArgument(field: string, reason: string): AppError {
  return new AppError('INVALID_ARGUMENT', `${field}: ${reason}`);
}

export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${what} ${JSON.stringify(id)} not found`);
}

export function alreadyExists(message: string): AppError {
  return new AppError('ALREADY_EXISTS', message);
}

export function failedPrecondition(message: string): AppError {
  return new AppError('FAILED_PRECONDITION', message);
}
