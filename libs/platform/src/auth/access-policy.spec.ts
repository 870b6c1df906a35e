import { Health, MeterService } from '@cascade/contracts';
import { ADMINS, AccessPolicy, policyGaps, READERS } from './access-policy';

describe('policyGaps', () => {
  it('names RPCs without a rule and rules without an RPC', () => {
    const policy: AccessPolicy = {
      'cascade.metering.v1.MeterService/ListMeters': {
        roles: READERS,
        scope: { kind: 'catalog' },
        changes: false,
      },
      'cascade.metering.v1.MeterService/DeleteMeter': {
        roles: ADMINS,
        scope: { kind: 'installation' },
        changes: true,
      },
    };
    expect(policyGaps(policy, [MeterService])).toEqual({
      missing: ['cascade.metering.v1.MeterService/CreateMeter'],
      unknown: ['cascade.metering.v1.MeterService/DeleteMeter'],
    });
    expect(policyGaps({}, [Health]).missing).toEqual([
      'grpc.health.v1.Health/Check',
      'grpc.health.v1.Health/Watch',
    ]);
  });
});
