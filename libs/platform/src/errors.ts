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

/** Several invalid fields at once: every "field: reason", joined by "; ". */
export function invalidArguments(problems: readonly string[]): AppError {
  return new AppError('INVALID_ARGUMENT', problems.join('; '));
}

/**
 * Collects every invalid field of a request, so one answer names them all
 * ("a: reason; b: reason") instead of only the first.
 */
export class FieldProblems {
  private readonly problems: string[] = [];

  add(field: string, reason: string): void {
    this.problems.push(`${field}: ${reason}`);
  }

  /** Runs a check that throws one field's INVALID_ARGUMENT; keeps its message and goes on. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'INVALID_ARGUMENT') throw error;
      this.problems.push(error.message);
      return undefined;
    }
  }

  /** Problems a rule already worded "field: reason" (a domain rule's), each field prefixed by `at`. */
  addWorded(worded: readonly string[], at = ''): void {
    for (const problem of worded) this.problems.push(`${at}${problem}`);
  }

  /** Whether `field` has a problem already: a later rule about it would only repeat it. */
  names(field: string): boolean {
    return this.problems.some((entry) =>
      entry.split('; ').some((problem) => problem.startsWith(`${field}: `)),
    );
  }

  get list(): readonly string[] {
    return this.problems;
  }

  /** INVALID_ARGUMENT naming every problem, joined by "; "; nothing when there is none. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw invalidArguments(this.problems);
  }
}
