import { Code, ConnectError } from '@connectrpc/connect';
import { describeProblem, errorsFor, fieldErrors } from './errors';

describe('how the console reads a failed call', () => {
  it.each([
    [
      Code.NotFound,
      'tenant "x" not found',
      { kind: 'not-found', message: 'Not found: tenant "x" not found' },
    ],
    [
      Code.Unimplemented,
      'whatever',
      { kind: 'unavailable', message: 'Not available on this server yet' },
    ],
    [Code.PermissionDenied, 'role VIEWER', { kind: 'denied', message: 'Not allowed: role VIEWER' }],
    [
      Code.Unauthenticated,
      'session: expired',
      { kind: 'session', message: 'Your session ended: sign in again' },
    ],
    [Code.Internal, 'boom', { kind: 'other', message: 'Internal: boom' }],
  ])('code %s', (code, message, problem) => {
    expect(describeProblem(new ConnectError(message, code))).toEqual(problem);
  });

  it('names every field an INVALID_ARGUMENT names', () => {
    const message =
      'charges[0].tiers: must be in increasing up_to order; charges[0].tiers[1].up_to: must be positive; code: is required';
    expect(describeProblem(new ConnectError(message, Code.InvalidArgument))).toEqual({
      kind: 'invalid',
      message,
      fields: [
        { field: 'charges[0].tiers', reason: 'must be in increasing up_to order' },
        { field: 'charges[0].tiers[1].up_to', reason: 'must be positive' },
        { field: 'code', reason: 'is required' },
      ],
    });
  });

  it('puts a field’s errors and those inside it under it, not its neighbours’', () => {
    const fields = fieldErrors(
      'charges[0].tiers: a; charges[0].tiers[1].up_to: b; charges[1].tiers: c; code: d',
    );
    expect(errorsFor(fields, 'charges[0].tiers').map((f) => f.reason)).toEqual(['a', 'b']);
    expect(errorsFor(fields, 'charges[1]').map((f) => f.reason)).toEqual(['c']);
    expect(errorsFor(fields, 'code').map((f) => f.reason)).toEqual(['d']);
    expect(fieldErrors('tenant has no parent')).toEqual([]);
  });
});
