import { Code, ConnectError } from '@connectrpc/connect';
import { backoffDelay, isRetryable } from './retry';

describe('retry policy', () => {
  it.each([
    [Code.Unavailable, true],
    [Code.DeadlineExceeded, true],
    [Code.ResourceExhausted, true],
    [Code.Internal, true],
    [Code.InvalidArgument, false],
    [Code.PermissionDenied, false],
    [Code.Unimplemented, false],
  ])('code %s retryable: %s', (code, expected) => {
    expect(isRetryable(new ConnectError('x', code))).toBe(expected);
  });

  it('treats a refused connection as retryable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(isRetryable(refused)).toBe(true);
  });

  it('grows exponentially, is capped, and jitters within [ceiling/2, ceiling]', () => {
    const policy = { initialMs: 100, maxMs: 1_000, multiplier: 2 };
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
  });
});
