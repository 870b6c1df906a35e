import { Code, ConnectError } from '@connectrpc/connect';

/** What a script can branch on (docs/CLI.md lists them). */
export const EXIT = {
  OK: 0,
  OTHER: 1,
  USAGE: 2,
  NOT_FOUND: 3,
  PERMISSION: 4,
  UNAVAILABLE: 5,
  REJECTED: 6,
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI itself found (bad flag value, unreadable profile): exit 2 unless told. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.USAGE,
    readonly code = 'USAGE',
  ) {
    super(message);
  }
}

export interface Failure {
  code: string;
  message: string;
  exitCode: ExitCode;
}

const BY_CODE: Partial<Record<Code, ExitCode>> = {
  [Code.NotFound]: EXIT.NOT_FOUND,
  [Code.PermissionDenied]: EXIT.PERMISSION,
  [Code.Unauthenticated]: EXIT.PERMISSION,
  [Code.Unavailable]: EXIT.UNAVAILABLE,
  [Code.Unimplemented]: EXIT.UNAVAILABLE,
  [Code.DeadlineExceeded]: EXIT.UNAVAILABLE,
  [Code.InvalidArgument]: EXIT.REJECTED,
  [Code.FailedPrecondition]: EXIT.REJECTED,
  [Code.AlreadyExists]: EXIT.REJECTED,
  [Code.OutOfRange]: EXIT.REJECTED,
};

/** The code name as gRPC spells it: NOT_FOUND, PERMISSION_DENIED, … */
export function codeName(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export function toFailure(error: unknown): Failure {
  if (error instanceof CliError)
    return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (error instanceof ConnectError) {
    const message =
      error.code === Code.Unimplemented
        ? 'the server does not implement this call yet: upgrade the services to a version that does'
        : error.rawMessage;
    return { code: codeName(error.code), message, exitCode: BY_CODE[error.code] ?? EXIT.OTHER };
  }
  return {
    code: 'UNKNOWN',
    message: error instanceof Error ? error.message : String(error),
    exitCode: EXIT.OTHER,
  };
}
