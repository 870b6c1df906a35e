import { policyGaps } from '@cascade/platform';
import { METERING_SERVICES, meteringPolicy } from './metering-policy';

describe('the metering access policy', () => {
  it('has a rule for every RPC metering serves, and none for an RPC it does not', () => {
    expect(policyGaps(meteringPolicy, METERING_SERVICES)).toEqual({ missing: [], unknown: [] });
  });
});
