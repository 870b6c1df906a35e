import { currentRequest, outsideRequest, runInRequest } from './request-context';

describe('request state', () => {
  const state = { principal: { kind: 'operator' } } as never;

  it('follows the work a request starts, and stops at outsideRequest', async () => {
    const seen = await runInRequest(state, async () => {
      const inside = currentRequest();
      const later = await new Promise((resolve) => setImmediate(() => resolve(currentRequest())));
      const detached = await outsideRequest(async () => {
        await Promise.resolve();
        return currentRequest();
      });
      return { inside, later, detached, after: currentRequest() };
    });
    expect(seen).toEqual({ inside: state, later: state, detached: undefined, after: state });
  });
});
