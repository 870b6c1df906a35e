import { policyGaps } from '@cascade/platform';
import { INVOICING_SERVICES, invoicingPolicy } from './invoicing-policy';

describe('the invoicing access policy', () => {
  it('has a rule for every RPC invoicing serves, and none for an RPC it does not', () => {
    expect(policyGaps(invoicingPolicy, INVOICING_SERVICES)).toEqual({ missing: [], unknown: [] });
  });
});
