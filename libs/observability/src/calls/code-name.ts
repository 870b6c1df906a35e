import { Code, ConnectError } from '@connectrpc/connect';

/** The gRPC name of a status code: Code.InvalidArgument is "INVALID_ARGUMENT". */
export function codeName(code: Code | undefined): string {
  if (code === undefined) return 'OK';
  return Code[code].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The code a failed call ends with, as the client sees it. */
export function codeOf(error: unknown): string {
  return codeName(ConnectError.from(error).code);
}
