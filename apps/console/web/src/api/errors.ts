import { Code, ConnectError } from '@connectrpc/connect';

/** What a failed call means to the person looking at the page. */
export type Problem =
  | { kind: 'not-found'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'denied'; message: string }
  | { kind: 'invalid'; message: string; fields: FieldError[] }
  | { kind: 'session'; message: string }
  | { kind: 'other'; message: string };

export interface FieldError {
  /** The field as the API names it: "charges[0].tiers[1].up_to". */
  field: string;
  reason: string;
}

const FIELD_ERROR = /^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): (.+)$/;

/** "a: x; b.c[0]: y" → [{a, x}, {b.c[0], y}]; a message naming no field gives none. */
export function fieldErrors(message: string): FieldError[] {
  return message.split('; ').flatMap((part) => {
    const match = FIELD_ERROR.exec(part.trim());
    return match ? [{ field: match[1], reason: match[2] }] : [];
  });
}

/** The errors for one form field: its own and those of anything inside it. */
export function errorsFor(fields: readonly FieldError[], field: string): FieldError[] {
  return fields.filter(
    (f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`),
  );
}

/**
 * One reading of every failure: NOT_FOUND reads "not found" (a refusal by
 * isolation looks the same on purpose), UNIMPLEMENTED "not available on this
 * server yet", an ended session sends the person back to sign-in.
 */
export function describeProblem(error: unknown): Problem {
  const e = ConnectError.from(error);
  const message = e.rawMessage;
  switch (e.code) {
    case Code.NotFound:
      return { kind: 'not-found', message: `Not found: ${message}` };
    case Code.Unimplemented:
      return { kind: 'unavailable', message: 'Not available on this server yet' };
    case Code.PermissionDenied:
      return { kind: 'denied', message: `Not allowed: ${message}` };
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
      return { kind: 'invalid', message, fields: fieldErrors(message) };
    case Code.Unauthenticated:
      return { kind: 'session', message: 'Your session ended: sign in again' };
    default:
      return { kind: 'other', message: `${Code[e.code]}: ${message}` };
  }
}
