import { certifiedService } from './service-certificate';
import { DEFAULT_SERVICE_NAMES } from './tls-settings';

describe('certifiedService', () => {
  test('a verified certificate whose CN is a service name proves that service', () => {
    expect(
      certifiedService({ authorized: true, commonName: 'cascade-rating' }, DEFAULT_SERVICE_NAMES),
    ).toBe('cascade-rating');
  });

  test('an unverified certificate (another CA, expired) proves nothing, whatever its CN', () => {
    expect(
      certifiedService({ authorized: false, commonName: 'cascade-rating' }, DEFAULT_SERVICE_NAMES),
    ).toBeUndefined();
  });

  test('a verified certificate of another name, or none at all, proves nothing', () => {
    expect(
      [
        { authorized: true, commonName: 'billing-tool' },
        { authorized: true, commonName: 'Cascade-Rating' },
        { authorized: true, commonName: ['cascade-rating', 'cascade-metering'] },
        { authorized: true },
      ].map((c) => certifiedService(c, DEFAULT_SERVICE_NAMES)),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('the names are the configured ones', () => {
    expect(
      certifiedService({ authorized: true, commonName: 'billing-tool' }, ['billing-tool']),
    ).toBe('billing-tool');
  });
});
