import { policyGaps } from '@cascade/platform';
import { RATING_SERVICES, ratingPolicy } from './rating-policy';

describe('the rating access policy', () => {
  it('has a rule for every RPC rating serves, and none for an RPC it does not', () => {
    expect(policyGaps(ratingPolicy, RATING_SERVICES)).toEqual({ missing: [], unknown: [] });
  });
});
